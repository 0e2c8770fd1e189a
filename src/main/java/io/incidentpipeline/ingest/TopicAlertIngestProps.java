package io.incidentpipeline.ingest;

import io.incidentpipeline.store.IncidentStore;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of a {@link TopicAlertIngest}. Only {@code store} is required. */
public final class TopicAlertIngestProps {
    private final IncidentStore store;
    private final RetentionDays logRetention;
    private final RemovalPolicy logRemovalPolicy;

    private TopicAlertIngestProps(Builder b) {
        this.store = b.store;
        this.logRetention = b.logRetention;
        this.logRemovalPolicy = b.logRemovalPolicy;
    }

    /** @return a builder; {@code store} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** The table incidents are written to. Required. */
    public IncidentStore getStore() {
        return store;
    }

    /**
     * How long the function's logs are kept.
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * What happens to the function's logs when the stack is deleted.
     *
     * @default RemovalPolicy.RETAIN
     */
    public RemovalPolicy getLogRemovalPolicy() {
        return logRemovalPolicy;
    }

    /** Builder for {@link TopicAlertIngestProps}. */
    public static final class Builder {
        private IncidentStore store;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy logRemovalPolicy = RemovalPolicy.RETAIN;

        private Builder() {
        }

        /** @see TopicAlertIngestProps#getStore() */
        public Builder store(IncidentStore store) {
            this.store = store;
            return this;
        }

        /** @see TopicAlertIngestProps#getLogRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = Objects.requireNonNull(logRetention, "logRetention");
            return this;
        }

        /** @see TopicAlertIngestProps#getLogRemovalPolicy() */
        public Builder logRemovalPolicy(RemovalPolicy logRemovalPolicy) {
            this.logRemovalPolicy = Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
            return this;
        }

        /** @throws IllegalArgumentException when the store is missing */
        public TopicAlertIngestProps build() {
            if (store == null) {
                throw new IllegalArgumentException("TopicAlertIngestProps.store is required: pass the IncidentStore");
            }
            return new TopicAlertIngestProps(this);
        }
    }
}
