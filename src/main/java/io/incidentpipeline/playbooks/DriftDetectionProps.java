package io.incidentpipeline.playbooks;

import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of a {@link DriftDetection}. Only {@code store} is required. */
public final class DriftDetectionProps {
    private final IncidentStore store;
    private final List<String> stackNames;
    private final Duration interval;
    private final RetentionDays logRetention;
    private final RemovalPolicy logRemovalPolicy;

    private DriftDetectionProps(Builder b) {
        this.store = b.store;
        this.stackNames = List.copyOf(b.stackNames);
        this.interval = b.interval;
        this.logRetention = b.logRetention;
        this.logRemovalPolicy = b.logRemovalPolicy;
    }

    /** @return a builder; {@code store} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** The table drift alerts are recorded in as incidents. Required. */
    public IncidentStore getStore() {
        return store;
    }

    /**
     * The stacks to check, in this stack's region (drift detection is regional).
     *
     * @default the stack this construct is in
     */
    public List<String> getStackNames() {
        return stackNames;
    }

    /**
     * How often drift is detected. Detection is free; each run is one Lambda invocation of up to a
     * few minutes, mostly waiting.
     *
     * @default Duration.hours(24)
     */
    public Duration getInterval() {
        return interval;
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

    /** Builder for {@link DriftDetectionProps}. */
    public static final class Builder {
        private IncidentStore store;
        private List<String> stackNames = List.of();
        private Duration interval = Duration.hours(24);
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy logRemovalPolicy = RemovalPolicy.RETAIN;

        private Builder() {
        }

        /** @see DriftDetectionProps#getStore() */
        public Builder store(IncidentStore store) {
            this.store = store;
            return this;
        }

        /** @see DriftDetectionProps#getStackNames() */
        public Builder stackNames(List<String> stackNames) {
            this.stackNames = Objects.requireNonNull(stackNames, "stackNames");
            return this;
        }

        /** @see DriftDetectionProps#getInterval() */
        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** @see DriftDetectionProps#getLogRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = Objects.requireNonNull(logRetention, "logRetention");
            return this;
        }

        /** @see DriftDetectionProps#getLogRemovalPolicy() */
        public Builder logRemovalPolicy(RemovalPolicy logRemovalPolicy) {
            this.logRemovalPolicy = Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or out of range */
        public DriftDetectionProps build() {
            if (store == null) {
                throw new IllegalArgumentException("DriftDetectionProps.store is required: pass the IncidentStore");
            }
            for (String name : stackNames) {
                if (name == null || !name.matches("[A-Za-z][A-Za-z0-9-]{0,127}")) {
                    throw new IllegalArgumentException("DriftDetectionProps.stackNames: '" + name + "' is not a"
                            + " CloudFormation stack name (a letter, then up to 127 letters, digits and hyphens)");
                }
            }
            if (interval.toSeconds().doubleValue() < 3600) {
                throw new IllegalArgumentException("DriftDetectionProps.interval must be at least 1 hour (a detection"
                        + " of a large stack takes minutes, and drift rarely needs faster notice), got "
                        + interval.toHumanString());
            }
            return new DriftDetectionProps(this);
        }
    }
}
