package io.incidentpipeline.playbooks;

import io.incidentpipeline.lambda.FunctionLogProps;
import io.incidentpipeline.routing.FindingTrigger;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import software.amazon.awscdk.services.events.IEventBus;

/** Properties of a {@link RemediationPlaybook}. {@code remediation}, {@code bus} and {@code store} are required. */
public final class RemediationPlaybookProps extends FunctionLogProps {
    /** The ports {@code revoke-open-ingress} never closes unless told otherwise. */
    public static final List<Integer> DEFAULT_PUBLIC_PORTS = List.of(80, 443);

    private final Remediation remediation;
    private final IEventBus bus;
    private final IIncidentStore store;
    private final boolean dryRun;
    private final List<FindingTrigger> triggers;
    private final List<Integer> publicPorts;

    private RemediationPlaybookProps(Builder b) {
        super(b);
        this.remediation = b.remediation;
        this.bus = b.bus;
        this.store = b.store;
        this.dryRun = b.dryRun;
        this.triggers = b.triggers != null ? List.copyOf(b.triggers) : b.remediation.getDefaultTriggers();
        this.publicPorts = b.publicPorts != null ? List.copyOf(new TreeSet<>(b.publicPorts)) : DEFAULT_PUBLIC_PORTS;
    }

    /** @return a builder; {@code remediation}, {@code bus} and {@code store} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return what the playbook does} Required. */
    public Remediation getRemediation() {
        return remediation;
    }

    /** {@return the incident bus whose events run it} Required. */
    public IEventBus getBus() {
        return bus;
    }

    /** {@return the table of its run records (the incidents' timelines)} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /**
     * {@return whether the playbook only reports what it would change (in its result, on the incident's timeline
     * and in its {@code Playbook Succeeded} event) and changes nothing} Turn it off once its reports
     * read right.
     *
     * @default true
     */
    public boolean isDryRun() {
        return dryRun;
    }

    /**
     * {@return the findings that run it: the EventBridge rule matches only incidents of these (verified by the
     * pipeline, of this stack's account and region, not samples), and the playbook checks them again
     * on the incident it reads from the table} To widen them, pass the defaults and your additions:
     * {@code triggers(concat(remediation.getDefaultTriggers(), mine))}.
     *
     * @default {@link Remediation#getDefaultTriggers()}
     */
    public List<FindingTrigger> getTriggers() {
        return triggers;
    }

    /**
     * For {@link Remediation#REVOKE_OPEN_INGRESS}: the ports that are public on purpose (TCP and UDP).
     * A world-open rule that opens one of them is never revoked, whatever the finding.
     *
     * @return the ports
     * @default 80 and 443
     */
    public List<Integer> getPublicPorts() {
        return publicPorts;
    }

    /** Builder for {@link RemediationPlaybookProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private Remediation remediation;
        private IEventBus bus;
        private IIncidentStore store;
        private boolean dryRun = true;
        private List<FindingTrigger> triggers;
        private List<Integer> publicPorts;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the value of {@link RemediationPlaybookProps#getRemediation()}.
         *
         * @param remediation what the playbook does
         * @return this builder
         */
        public Builder remediation(Remediation remediation) {
            this.remediation = remediation;
            return this;
        }

        /**
         * Sets the value of {@link RemediationPlaybookProps#getBus()}.
         *
         * @param bus the incident bus whose events run it
         * @return this builder
         */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Sets the value of {@link RemediationPlaybookProps#getStore()}.
         *
         * @param store the table of its run records (the incidents' timelines)
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link RemediationPlaybookProps#isDryRun()}.
         *
         * @param dryRun whether the playbook only reports what it would change (in its result, on the incident's
         *     timeline and in its {@code Playbook Succeeded} event) and changes nothing
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Replaces the default triggers: see {@link RemediationPlaybookProps#getTriggers()}.
         *
         * Replaces the default triggers. @see RemediationPlaybookProps#getTriggers()
         *
         * @param triggers the findings that run the remediation
         * @return this builder
         */
        public Builder triggers(List<FindingTrigger> triggers) {
            this.triggers = new ArrayList<>(Objects.requireNonNull(triggers, "triggers"));
            return this;
        }

        /**
         * Sets the value of {@link RemediationPlaybookProps#getPublicPorts()}.
         *
         * @param publicPorts for {@link Remediation#REVOKE_OPEN_INGRESS}: the ports that are public on purpose
         *     (TCP and UDP)
         * @return this builder
         */
        public Builder publicPorts(List<Integer> publicPorts) {
            this.publicPorts = new ArrayList<>(Objects.requireNonNull(publicPorts, "publicPorts"));
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the missing or invalid property and the fix
         */
        public RemediationPlaybookProps build() {
            if (remediation == null || bus == null || store == null) {
                throw new IllegalArgumentException("RemediationPlaybookProps: remediation, bus and store are required"
                        + " (missing: " + (remediation == null ? "remediation " : "") + (bus == null ? "bus " : "")
                        + (store == null ? "store" : "").trim() + ")");
            }
            if (triggers != null && triggers.isEmpty()) {
                throw new IllegalArgumentException("RemediationPlaybookProps.triggers is empty, so the playbook would"
                        + " never run; leave it out for the defaults, or don't deploy the playbook.");
            }
            if (publicPorts != null) {
                if (remediation != Remediation.REVOKE_OPEN_INGRESS) {
                    throw new IllegalArgumentException("RemediationPlaybookProps.publicPorts applies to "
                            + Remediation.REVOKE_OPEN_INGRESS.getId() + " only, not " + remediation.getId() + "; leave it out.");
                }
                for (Integer port : publicPorts) {
                    if (port == null || port < 1 || port > 65535) {
                        throw new IllegalArgumentException("RemediationPlaybookProps.publicPorts: " + port + " is not a"
                                + " port; use 1-65535, e.g. List.of(80, 443)");
                    }
                }
            }
            return new RemediationPlaybookProps(this);
        }
    }
}
