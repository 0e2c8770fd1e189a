package io.incidentpipeline;

import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.store.IncidentStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/** Properties of an {@link IncidentPipeline}. Every property is optional. */
public final class IncidentPipelineProps {
    private final boolean disposable;
    private final List<AlertSource> alertSources;
    private final Map<AlertSource, ISecret> sourceSecrets;
    private final List<String> notifyEmails;
    private final RetentionDays logRetention;
    private final TopicEncryption topicEncryption;
    private final boolean apiFirewall;
    private final IncidentStore store;
    private final ISecret cursorSecret;

    private IncidentPipelineProps(Builder b) {
        this.disposable = b.disposable;
        this.alertSources = List.copyOf(b.alertSources);
        this.sourceSecrets = Map.copyOf(b.sourceSecrets);
        this.notifyEmails = List.copyOf(b.notifyEmails);
        this.logRetention = b.logRetention;
        this.topicEncryption = b.topicEncryption;
        this.apiFirewall = b.apiFirewall;
        this.store = b.store;
        this.cursorSecret = b.cursorSecret;
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether everything, data included, is deleted with the stack: for developer sandboxes.
     *
     * @default false - the table, logs and secrets are retained and the table is deletion-protected
     */
    public boolean isDisposable() {
        return disposable;
    }

    /**
     * Alert sources accepted by the API.
     *
     * @default [AlertSource.GENERIC]
     */
    public List<AlertSource> getAlertSources() {
        return alertSources;
    }

    /**
     * Existing signing secrets per source.
     *
     * @default a secret is created for each source without one
     */
    public Map<AlertSource, ISecret> getSourceSecrets() {
        return sourceSecrets;
    }

    /**
     * E-mail addresses subscribed to the notification topic.
     *
     * @default none
     */
    public List<String> getNotifyEmails() {
        return notifyEmails;
    }

    /**
     * How long every log group of the pipeline keeps its logs.
     *
     * @default one week when disposable, three months otherwise
     */
    public RetentionDays getLogRetention() {
        if (logRetention != null) {
            return logRetention;
        }
        return disposable ? RetentionDays.ONE_WEEK : RetentionDays.THREE_MONTHS;
    }

    /**
     * How the notification topics are encrypted.
     *
     * @default TopicEncryption.ownKey() - one rotating customer-managed key for the pipeline's topics ($1 a month)
     */
    public TopicEncryption getTopicEncryption() {
        return topicEncryption;
    }

    /**
     * Whether a WAF web ACL protects the alert API, limiting each IP address to the stage's own
     * sustained rate (so a flood is stopped before it is billed as Lambda invocations).
     *
     * @default false - the firewall costs about $11 a month idle
     */
    public boolean isApiFirewall() {
        return apiFirewall;
    }

    /**
     * An existing incident store to use, e.g. a global table's replica in this region
     * ({@link IncidentStore#fromReplica}).
     *
     * @default a new single-region IncidentStore, retained unless disposable
     */
    public IncidentStore getStore() {
        return store;
    }

    /**
     * The key of the operator API's pagination cursors; every region of a stage must share it.
     *
     * @default a generated secret in this stack (see {@code CursorSecret})
     */
    public ISecret getCursorSecret() {
        return cursorSecret;
    }

    /** Builder for {@link IncidentPipelineProps}. */
    public static final class Builder {
        private boolean disposable;
        private List<AlertSource> alertSources = List.of(AlertSource.GENERIC);
        private final Map<AlertSource, ISecret> sourceSecrets = new EnumMap<>(AlertSource.class);
        private List<String> notifyEmails = List.of();
        private RetentionDays logRetention;
        private TopicEncryption topicEncryption = TopicEncryption.ownKey();
        private boolean apiFirewall;
        private IncidentStore store;
        private ISecret cursorSecret;

        private Builder() {
        }

        /** @see IncidentPipelineProps#isDisposable() */
        public Builder disposable(boolean disposable) {
            this.disposable = disposable;
            return this;
        }

        /** @see IncidentPipelineProps#getAlertSources() */
        public Builder alertSources(List<AlertSource> alertSources) {
            this.alertSources = Objects.requireNonNull(alertSources, "alertSources");
            return this;
        }

        /** @see IncidentPipelineProps#getSourceSecrets() */
        public Builder sourceSecret(AlertSource source, ISecret secret) {
            sourceSecrets.put(Objects.requireNonNull(source, "source"), Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /** @see IncidentPipelineProps#getNotifyEmails() */
        public Builder notifyEmails(List<String> notifyEmails) {
            this.notifyEmails = Objects.requireNonNull(notifyEmails, "notifyEmails");
            return this;
        }

        /** @see IncidentPipelineProps#getLogRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** @see IncidentPipelineProps#getTopicEncryption() */
        public Builder topicEncryption(TopicEncryption topicEncryption) {
            this.topicEncryption = Objects.requireNonNull(topicEncryption, "topicEncryption");
            return this;
        }

        /** @see IncidentPipelineProps#isApiFirewall() */
        public Builder apiFirewall(boolean apiFirewall) {
            this.apiFirewall = apiFirewall;
            return this;
        }

        /** @see IncidentPipelineProps#getStore() */
        public Builder store(IncidentStore store) {
            this.store = store;
            return this;
        }

        /** @see IncidentPipelineProps#getCursorSecret() */
        public Builder cursorSecret(ISecret cursorSecret) {
            this.cursorSecret = cursorSecret;
            return this;
        }

        public IncidentPipelineProps build() {
            return new IncidentPipelineProps(this);
        }
    }
}
