package io.incidentpipeline.playbooks;

import io.incidentpipeline.lambda.FunctionLogProps;
import io.incidentpipeline.routing.IncidentEvents;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.store.IncidentStore;
import software.amazon.awscdk.services.events.IEventBus;

/** Properties of a {@link RemediationPlaybook}. {@code remediation}, {@code bus} and {@code store} are required. */
public final class RemediationPlaybookProps extends FunctionLogProps {
    private final Remediation remediation;
    private final IEventBus bus;
    private final IncidentStore store;
    private final boolean dryRun;
    private final IncidentPattern pattern;

    private RemediationPlaybookProps(Builder b) {
        super(b);
        this.remediation = b.remediation;
        this.bus = b.bus;
        this.store = b.store;
        this.dryRun = b.dryRun;
        this.pattern = b.pattern != null ? b.pattern : IncidentPattern.builder()
                .detailTypes(IncidentEvents.DetailType.OPENED)
                .labelsPresent(b.remediation.getTargetLabel())
                .build();
    }

    /** @return a builder; {@code remediation}, {@code bus} and {@code store} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** What the playbook does. Required. */
    public Remediation getRemediation() {
        return remediation;
    }

    /** The incident bus whose events run it. Required. */
    public IEventBus getBus() {
        return bus;
    }

    /** The table of its run records (the incidents' timelines). Required. */
    public IncidentStore getStore() {
        return store;
    }

    /**
     * Whether the playbook only reports what it would change (in its result, on the incident's timeline
     * and in its {@code Playbook Succeeded} event) and changes nothing. Turn it off once its reports
     * read right.
     *
     * @default true
     */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * Which incidents run it.
     *
     * @default newly opened incidents that carry the remediation's target label
     *          ({@link Remediation#getTargetLabel()}), whatever their source
     */
    public IncidentPattern getPattern() {
        return pattern;
    }

    /** Builder for {@link RemediationPlaybookProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private Remediation remediation;
        private IEventBus bus;
        private IncidentStore store;
        private boolean dryRun = true;
        private IncidentPattern pattern;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @see RemediationPlaybookProps#getRemediation() */
        public Builder remediation(Remediation remediation) {
            this.remediation = remediation;
            return this;
        }

        /** @see RemediationPlaybookProps#getBus() */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /** @see RemediationPlaybookProps#getStore() */
        public Builder store(IncidentStore store) {
            this.store = store;
            return this;
        }

        /** @see RemediationPlaybookProps#isDryRun() */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** @see RemediationPlaybookProps#getPattern() */
        public Builder pattern(IncidentPattern pattern) {
            this.pattern = pattern;
            return this;
        }

        /** @throws IllegalArgumentException naming the missing property */
        public RemediationPlaybookProps build() {
            if (remediation == null || bus == null || store == null) {
                throw new IllegalArgumentException("RemediationPlaybookProps: remediation, bus and store are required"
                        + " (missing: " + (remediation == null ? "remediation " : "") + (bus == null ? "bus " : "")
                        + (store == null ? "store" : "").trim() + ")");
            }
            return new RemediationPlaybookProps(this);
        }
    }
}
