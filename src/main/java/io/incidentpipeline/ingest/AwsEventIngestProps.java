package io.incidentpipeline.ingest;

import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of an {@link AwsEventIngest}. {@code store} and {@code sources} are required. */
public final class AwsEventIngestProps {
    private final IncidentStore store;
    private final List<AwsEventSource> sources;
    private final RetentionDays logRetention;
    private final RemovalPolicy logRemovalPolicy;

    private AwsEventIngestProps(Builder b) {
        this.store = b.store;
        this.sources = List.copyOf(b.sources);
        this.logRetention = b.logRetention;
        this.logRemovalPolicy = b.logRemovalPolicy;
    }

    /** @return a builder; {@code store} and {@code sources} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** The table incidents are written to. Required. */
    public IncidentStore getStore() {
        return store;
    }

    /** The AWS services whose events are taken in; at least one. Required. */
    public List<AwsEventSource> getSources() {
        return sources;
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

    /** Builder for {@link AwsEventIngestProps}. */
    public static final class Builder {
        private IncidentStore store;
        private List<AwsEventSource> sources = List.of();
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy logRemovalPolicy = RemovalPolicy.RETAIN;

        private Builder() {
        }

        /** @see AwsEventIngestProps#getStore() */
        public Builder store(IncidentStore store) {
            this.store = store;
            return this;
        }

        /** @see AwsEventIngestProps#getSources() */
        public Builder sources(List<AwsEventSource> sources) {
            this.sources = Objects.requireNonNull(sources, "sources");
            return this;
        }

        /** @see AwsEventIngestProps#getLogRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = Objects.requireNonNull(logRetention, "logRetention");
            return this;
        }

        /** @see AwsEventIngestProps#getLogRemovalPolicy() */
        public Builder logRemovalPolicy(RemovalPolicy logRemovalPolicy) {
            this.logRemovalPolicy = Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
            return this;
        }

        /** @throws IllegalArgumentException when the store or every source is missing */
        public AwsEventIngestProps build() {
            if (store == null) {
                throw new IllegalArgumentException("AwsEventIngestProps.store is required: pass the IncidentStore");
            }
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("AwsEventIngestProps.sources needs at least one of: "
                        + AwsEventSource.supportedIds());
            }
            return new AwsEventIngestProps(this);
        }
    }
}
