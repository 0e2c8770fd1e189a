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

    /** The incident bus. Required. */
    public IEventBus getBus() {
        return bus;
    }

    /** The webhook's HTTPS URL. Required. */
    public String getUrl() {
        return url;
    }

    /** An existing Secrets Manager secret whose value is sent in {@link #getHeaderName()}. Required. */
    public String getSecretName() {
        return secretName;
    }

    /**
     * The header that carries the secret.
     *
     * @default "Authorization"
     */
    public String getHeaderName() {
        return headerName;
    }

    /**
     * Which incident events are posted.
     *
     * @default critical and high incidents opened, escalated, acknowledged or resolved
     */
    public IncidentPattern getPattern() {
        return pattern;
    }

    /**
     * Requests per second the destination sends at most; EventBridge queues the rest.
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

        /** @see WebhookNotificationProps#getBus() */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /** @see WebhookNotificationProps#getUrl() */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** @see WebhookNotificationProps#getSecretName() */
        public Builder secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        /** @see WebhookNotificationProps#getHeaderName() */
        public Builder headerName(String headerName) {
            this.headerName = PropsChecks.notNull(headerName, "WebhookNotificationProps.headerName");
            return this;
        }

        /** @see WebhookNotificationProps#getPattern() */
        public Builder pattern(IncidentPattern pattern) {
            this.pattern = PropsChecks.notNull(pattern, "WebhookNotificationProps.pattern");
            return this;
        }

        /** @see WebhookNotificationProps#getRateLimitPerSecond() */
        public Builder rateLimitPerSecond(int rateLimitPerSecond) {
            this.rateLimitPerSecond = rateLimitPerSecond;
            return this;
        }

        /** @throws IllegalArgumentException naming the missing or invalid property and the fix */
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
