package io.incidentpipeline.playbooks;

import io.incidentpipeline.store.IncidentStore;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of an {@link ExamplePlaybook}. Only {@code store} is required. */
public final class ExamplePlaybookProps {
    private final IncidentStore store;
    private final String playbookName;
    private final RetentionDays logRetention;
    private final RemovalPolicy logRemovalPolicy;

    private ExamplePlaybookProps(Builder b) {
        this.store = b.store;
        this.playbookName = b.playbookName;
        this.logRetention = b.logRetention;
        this.logRemovalPolicy = b.logRemovalPolicy;
    }

    /** @return a builder; {@code store} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** The table the playbook records its runs in. Required. */
    public IncidentStore getStore() {
        return store;
    }

    /**
     * The playbook's name, recorded on each incident it runs for.
     *
     * @default "example-triage"
     */
    public String getPlaybookName() {
        return playbookName;
    }

    /**
     * How long the playbook's logs are kept.
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * What happens to the playbook's logs when the stack is deleted.
     *
     * @default RemovalPolicy.RETAIN
     */
    public RemovalPolicy getLogRemovalPolicy() {
        return logRemovalPolicy;
    }

    /** Builder for {@link ExamplePlaybookProps}. */
    public static final class Builder {
        private IncidentStore store;
        private String playbookName = "example-triage";
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy logRemovalPolicy = RemovalPolicy.RETAIN;

        private Builder() {
        }

        /** @see ExamplePlaybookProps#getStore() */
        public Builder store(IncidentStore store) {
            this.store = store;
            return this;
        }

        /** @see ExamplePlaybookProps#getPlaybookName() */
        public Builder playbookName(String playbookName) {
            this.playbookName = playbookName;
            return this;
        }

        /** @see ExamplePlaybookProps#getLogRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = Objects.requireNonNull(logRetention, "logRetention");
            return this;
        }

        /** @see ExamplePlaybookProps#getLogRemovalPolicy() */
        public Builder logRemovalPolicy(RemovalPolicy logRemovalPolicy) {
            this.logRemovalPolicy = Objects.requireNonNull(logRemovalPolicy, "logRemovalPolicy");
            return this;
        }

        /**
         * @throws IllegalArgumentException when the store is missing or the name is not 1-64 characters
         *                                  of lowercase letters, digits and hyphens
         */
        public ExamplePlaybookProps build() {
            if (store == null) {
                throw new IllegalArgumentException("ExamplePlaybookProps.store is required: pass the IncidentStore");
            }
            if (playbookName == null || !playbookName.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new IllegalArgumentException("ExamplePlaybookProps.playbookName must be 1-64 lowercase letters,"
                        + " digits or hyphens (it becomes part of a table key), got '" + playbookName + "'");
            }
            return new ExamplePlaybookProps(this);
        }
    }
}
