package io.incidentpipeline.ingest;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.lambda.FunctionLogProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.List;

/** Properties of an {@link AwsEventIngest}. {@code store} and {@code sources} are required. */
public final class AwsEventIngestProps extends FunctionLogProps {
    private final IIncidentStore store;
    private final List<AwsEventSource> sources;

    private AwsEventIngestProps(Builder b) {
        super(b);
        this.store = b.store;
        this.sources = List.copyOf(b.sources);
    }

    /** @return a builder; {@code store} and {@code sources} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the table incidents are written to} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /** {@return the AWS services whose events are taken in; at least one} Required. */
    public List<AwsEventSource> getSources() {
        return sources;
    }

    /** Builder for {@link AwsEventIngestProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private IIncidentStore store;
        private List<AwsEventSource> sources = List.of();

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the value of {@link AwsEventIngestProps#getStore()}.
         *
         * @param store the table incidents are written to
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link AwsEventIngestProps#getSources()}.
         *
         * @param sources the AWS services whose events are taken in; at least one
         * @return this builder
         */
        public Builder sources(List<AwsEventSource> sources) {
            this.sources = PropsChecks.notNull(sources, "AwsEventIngestProps.sources");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException when the store or every source is missing
         */
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
