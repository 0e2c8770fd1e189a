package io.incidentpipeline.notify;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.routing.IncidentPattern;
import software.amazon.awscdk.services.events.IEventBus;

/** Properties of a {@link WebhookNotification}. {@code bus}, {@code url} and {@code secretName} are required. */
public final class WebhookNotificationProps {
    private final IEventBus bus;
    private final String url;
    private final String secretName;
    private final String headerName;
    private final IncidentPattern pattern;
    private final int rateLimitPerSecond;

    private WebhookNotificationProps(Builder b) {
        this.bus = b.bus;
        this.url = b.url;
        this.secretName = b.secretName;
        this.headerName = b.headerName;
        this.pattern = b.pattern;
        this.rateLimitPerSecond = b.rateLimitPerSecond;
    }

    /** @return a builder; {@code bus}, {@code url} and {@code secretName} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the incident bus} Required. */
    public IEventBus getBus() {
        return bus;
    }

    /** {@return the webhook's HTTPS URL} Required. */
    public String getUrl() {
        return url;
    }

    /** {@return an existing Secrets Manager secret whose value is sent in {@link #getHeaderName()}} Required. */
    public String getSecretName() {
        return secretName;
    }

    /**
     * {@return the header that carries the secret}
     *
     * @default "Authorization"
     */
    public String getHeaderName() {
        return headerName;
    }

    /**
     * {@return which incident events are posted}
     *
     * @default critical and high incidents opened, escalated, acknowledged or resolved
     */
    public IncidentPattern getPattern() {
        return pattern;
    }

    /**
     * {@return requests per second the destination sends at most; EventBridge queues the rest}
     *
     * @default 10
     */
    public int getRateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    /** Builder for {@link WebhookNotificationProps}. */
    public static final class Builder {
        private IEventBus bus;
        private String url;
        private String secretName;
        private String headerName = "Authorization";
        private IncidentPattern pattern = WebhookNotification.defaultPattern();
        private int rateLimitPerSecond = 10;

        private Builder() {
        }

        /**
         * Sets the value of {@link WebhookNotificationProps#getBus()}.
         *
         * @param bus the incident bus
         * @return this builder
         */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Sets the value of {@link WebhookNotificationProps#getUrl()}.
         *
         * @param url the webhook's HTTPS URL
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * Sets the value of {@link WebhookNotificationProps#getSecretName()}.
         *
         * @param secretName an existing Secrets Manager secret whose value is sent in {@link #getHeaderName()}
         * @return this builder
         */
        public Builder secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        /**
         * Sets the value of {@link WebhookNotificationProps#getHeaderName()}.
         *
         * @param headerName the header that carries the secret
         * @return this builder
         */
        public Builder headerName(String headerName) {
            this.headerName = PropsChecks.notNull(headerName, "WebhookNotificationProps.headerName");
            return this;
        }

        /**
         * Sets the value of {@link WebhookNotificationProps#getPattern()}.
         *
         * @param pattern which incident events are posted
         * @return this builder
         */
        public Builder pattern(IncidentPattern pattern) {
            this.pattern = PropsChecks.notNull(pattern, "WebhookNotificationProps.pattern");
            return this;
        }

        /**
         * Sets the value of {@link WebhookNotificationProps#getRateLimitPerSecond()}.
         *
         * @param rateLimitPerSecond requests per second the destination sends at most; EventBridge queues the rest
         * @return this builder
         */
        public Builder rateLimitPerSecond(int rateLimitPerSecond) {
            this.rateLimitPerSecond = rateLimitPerSecond;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the missing or invalid property and the fix
         */
        public WebhookNotificationProps build() {
            if (bus == null) {
                throw new IllegalArgumentException("WebhookNotificationProps.bus is required: the incident bus");
            }
            if (url == null || !url.matches("https://[^\\s/]+(/\\S*)?")) {
                throw new IllegalArgumentException("WebhookNotificationProps.url must be an https:// URL, got '" + url
                        + "'");
            }
            if (secretName == null || !secretName.matches("[A-Za-z0-9/_+=.@-]{1,512}")) {
                throw new IllegalArgumentException("WebhookNotificationProps.secretName must name an existing Secrets"
                        + " Manager secret (letters, digits and /_+=.@-), got '" + secretName + "'");
            }
            if (rateLimitPerSecond < 1 || rateLimitPerSecond > 300) {
                throw new IllegalArgumentException("WebhookNotificationProps.rateLimitPerSecond must be 1-300, got "
                        + rateLimitPerSecond);
            }
            return new WebhookNotificationProps(this);
        }
    }
}
