package io.incidentpipeline.playbooks;

import io.incidentpipeline.lambda.FunctionLogProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;

/** Properties of an {@link ExamplePlaybook}. Only {@code store} is required. */
public final class ExamplePlaybookProps extends FunctionLogProps {
    private final IIncidentStore store;
    private final String playbookName;

    private ExamplePlaybookProps(Builder b) {
        super(b);
        this.store = b.store;
        this.playbookName = b.playbookName;
    }

    /** @return a builder; {@code store} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the table the playbook records its runs in} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /**
     * {@return the playbook's name, recorded on each incident it runs for}
     *
     * @default "example-triage"
     */
    public String getPlaybookName() {
        return playbookName;
    }

    /** Builder for {@link ExamplePlaybookProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private IIncidentStore store;
        private String playbookName = "example-triage";

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the value of {@link ExamplePlaybookProps#getStore()}.
         *
         * @param store the table the playbook records its runs in
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link ExamplePlaybookProps#getPlaybookName()}.
         *
         * @param playbookName the playbook's name, recorded on each incident it runs for
         * @return this builder
         */
        public Builder playbookName(String playbookName) {
            this.playbookName = playbookName;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException when the store is missing or the name is not 1-64 characters
         *     of lowercase letters, digits and hyphens
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
