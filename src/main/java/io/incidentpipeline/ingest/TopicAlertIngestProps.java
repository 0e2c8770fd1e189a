package io.incidentpipeline.ingest;

import io.incidentpipeline.lambda.FunctionLogProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;

/** Properties of a {@link TopicAlertIngest}. Only {@code store} is required. */
public final class TopicAlertIngestProps extends FunctionLogProps {
    private final IIncidentStore store;

    private TopicAlertIngestProps(Builder b) {
        super(b);
        this.store = b.store;
    }

    /** @return a builder; {@code store} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the table incidents are written to} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /** Builder for {@link TopicAlertIngestProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private IIncidentStore store;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the value of {@link TopicAlertIngestProps#getStore()}.
         *
         * @param store the table incidents are written to
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException when the store is missing
         */
        public TopicAlertIngestProps build() {
            if (store == null) {
                throw new IllegalArgumentException("TopicAlertIngestProps.store is required: pass the IncidentStore");
            }
            return new TopicAlertIngestProps(this);
        }
    }
}
