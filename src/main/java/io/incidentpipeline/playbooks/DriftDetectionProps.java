package io.incidentpipeline.playbooks;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.lambda.FunctionLogProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import software.amazon.awscdk.Duration;

/** Properties of a {@link DriftDetection}. Only {@code store} is required. */
public final class DriftDetectionProps extends FunctionLogProps {
    private final IIncidentStore store;
    private final List<String> stackNames;
    private final Duration interval;

    private DriftDetectionProps(Builder b) {
        super(b);
        this.store = b.store;
        this.stackNames = List.copyOf(b.stackNames);
        this.interval = b.interval;
    }

    /** @return a builder; {@code store} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the table drift alerts are recorded in as incidents} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /**
     * {@return the stacks to check, in this stack's region (drift detection is regional)}
     *
     * @default the stack this construct is in
     */
    public List<String> getStackNames() {
        return stackNames;
    }

    /**
     * {@return how often drift is detected} Detection is free; each run is one Lambda invocation of up to a
     * few minutes, mostly waiting.
     *
     * @default Duration.hours(24)
     */
    public Duration getInterval() {
        return interval;
    }

    /** Builder for {@link DriftDetectionProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private IIncidentStore store;
        private List<String> stackNames = List.of();
        private Duration interval = Duration.hours(24);

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the value of {@link DriftDetectionProps#getStore()}.
         *
         * @param store the table drift alerts are recorded in as incidents
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link DriftDetectionProps#getStackNames()}.
         *
         * @param stackNames the stacks to check, in this stack's region (drift detection is regional)
         * @return this builder
         */
        public Builder stackNames(List<String> stackNames) {
            this.stackNames = PropsChecks.notNull(stackNames, "DriftDetectionProps.stackNames");
            return this;
        }

        /**
         * Sets the value of {@link DriftDetectionProps#getInterval()}.
         *
         * @param interval how often drift is detected
         * @return this builder
         */
        public Builder interval(Duration interval) {
            this.interval = PropsChecks.notNull(interval, "DriftDetectionProps.interval");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming what is missing or out of range
         */
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
