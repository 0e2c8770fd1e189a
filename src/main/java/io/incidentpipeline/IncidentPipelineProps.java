package io.incidentpipeline;

import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.routing.DueWorkSweeper;
import io.incidentpipeline.routing.DueWorkSweeperProps;
import io.incidentpipeline.store.IncidentStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
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
    private final boolean takeover;
    private final Duration takeoverAfter;

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
        this.takeover = b.takeover;
        this.takeoverAfter = b.takeoverAfter == null ? Duration.seconds(60) : b.takeoverAfter;
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

    /**
     * Whether this region's sweeper ({@link DueWorkSweeper}, deployed in every pipeline for the
     * escalation levels) also takes over changes another region has not announced in time: turn it on
     * in every region of a multi-region pipeline, so that losing a region loses no announcement. Costs
     * one more empty index query a minute (about $0.003 a month).
     *
     * @default false - a single region has no other region to take over from
     */
    public boolean isTakeover() {
        return takeover;
    }

    /**
     * How long a change's own region has to announce it before another region does; only with
     * {@link #isTakeover()}.
     *
     * @default Duration.seconds(60)
     */
    public Duration getTakeoverAfter() {
        return takeoverAfter;
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
        private boolean takeover;
        private Duration takeoverAfter;

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

        /** @see IncidentPipelineProps#isTakeover() */
        public Builder takeover(boolean takeover) {
            this.takeover = takeover;
            return this;
        }

        /** @see IncidentPipelineProps#getTakeoverAfter() */
        public Builder takeoverAfter(Duration takeoverAfter) {
            this.takeoverAfter = Objects.requireNonNull(takeoverAfter, "takeoverAfter");
            return this;
        }

        /** @throws IllegalArgumentException naming a property that is out of range or has no effect */
        public IncidentPipelineProps build() {
            if (takeoverAfter != null) {
                if (!takeover) {
                    throw new IllegalArgumentException("IncidentPipelineProps.takeoverAfter has no effect without"
                            + " takeover(true): turn takeover on, or leave takeoverAfter out");
                }
                DueWorkSweeperProps.checkTakeoverAfter(takeoverAfter, "IncidentPipelineProps.takeoverAfter");
            }
            return new IncidentPipelineProps(this);
        }
    }
}
