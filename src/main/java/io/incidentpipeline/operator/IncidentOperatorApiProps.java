package io.incidentpipeline.operator;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.IRestApi;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/** Properties of an {@link IncidentOperatorApi}. {@code api} and {@code store} are required. */
public final class IncidentOperatorApiProps {
    private final IRestApi api;
    private final IIncidentStore store;
    private final ISecret cursorSecret;
    private final List<String> cursorSecretReplicaRegions;
    private final int memorySize;
    private final RetentionDays logRetention;
    private final RemovalPolicy removalPolicy;

    private IncidentOperatorApiProps(Builder b) {
        this.api = b.api;
        this.store = b.store;
        this.cursorSecret = b.cursorSecret;
        this.cursorSecretReplicaRegions = List.copyOf(b.cursorSecretReplicaRegions);
        this.memorySize = b.memorySize;
        this.logRetention = b.logRetention;
        this.removalPolicy = b.removalPolicy;
    }

    /** @return a builder; {@code api} and {@code store} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the REST API to add {@code /incidents} to, e.g. {@code AlertIngestApi.getApi()}} Required. */
    public IRestApi getApi() {
        return api;
    }

    /** {@return the incident table the API reads and transitions} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /**
     * {@return the secret whose value keys the pagination cursors (any string of at least 32 characters)}
     * Every region that serves the same listings must use the same value, or a cursor issued in one
     * region is refused in another.
     *
     * @default a generated 48-character secret, with replicas in {@link #getCursorSecretReplicaRegions()}
     */
    public ISecret getCursorSecret() {
        return cursorSecret;
    }

    /**
     * {@return regions that get a read replica of the generated cursor secret ($0.40 a month each); ignored
     * when {@code cursorSecret} is given}
     *
     * @default none
     */
    public List<String> getCursorSecretReplicaRegions() {
        return cursorSecretReplicaRegions;
    }

    /**
     * {@return memory of the API's function, in MB} Operators call it rarely, so it is sized for a prompt
     * cold start rather than throughput.
     *
     * @default 512
     */
    public int getMemorySize() {
        return memorySize;
    }

    /**
     * {@return how long the function's logs are kept}
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * {@return what happens to the logs and the generated cursor secret when the stack is deleted}
     *
     * @default RemovalPolicy.RETAIN
     */
    public RemovalPolicy getRemovalPolicy() {
        return removalPolicy;
    }

    /** Builder for {@link IncidentOperatorApiProps}. */
    public static final class Builder {
        private IRestApi api;
        private IIncidentStore store;
        private ISecret cursorSecret;
        private List<String> cursorSecretReplicaRegions = List.of();
        private int memorySize = 512;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

        private Builder() {
        }

        /**
         * Sets the value of {@link IncidentOperatorApiProps#getApi()}.
         *
         * @param api the REST API to add {@code /incidents} to, e.g. {@code AlertIngestApi.getApi()}
         * @return this builder
         */
        public Builder api(IRestApi api) {
            this.api = api;
            return this;
        }

        /**
         * Sets the value of {@link IncidentOperatorApiProps#getStore()}.
         *
         * @param store the incident table the API reads and transitions
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link IncidentOperatorApiProps#getCursorSecret()}.
         *
         * @param cursorSecret the secret whose value keys the pagination cursors (any string of at least 32
         *     characters)
         * @return this builder
         */
        public Builder cursorSecret(ISecret cursorSecret) {
            this.cursorSecret = cursorSecret;
            return this;
        }

        /**
         * Sets the value of {@link IncidentOperatorApiProps#getCursorSecretReplicaRegions()}.
         *
         * @param regions regions that get a read replica of the generated cursor secret ($0.40 a month each);
         *     ignored when {@code cursorSecret} is given
         * @return this builder
         */
        public Builder cursorSecretReplicaRegions(List<String> regions) {
            this.cursorSecretReplicaRegions = PropsChecks.notNull(regions, "IncidentOperatorApiProps.cursorSecretReplicaRegions");
            return this;
        }

        /**
         * Sets the value of {@link IncidentOperatorApiProps#getMemorySize()}.
         *
         * @param memorySize memory of the API's function, in MB
         * @return this builder
         */
        public Builder memorySize(int memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /**
         * Sets the value of {@link IncidentOperatorApiProps#getLogRetention()}.
         *
         * @param logRetention how long the function's logs are kept
         * @return this builder
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = PropsChecks.notNull(logRetention, "IncidentOperatorApiProps.logRetention");
            return this;
        }

        /**
         * Sets the value of {@link IncidentOperatorApiProps#getRemovalPolicy()}.
         *
         * @param removalPolicy what happens to the logs and the generated cursor secret when the stack is deleted
         * @return this builder
         */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = PropsChecks.notNull(removalPolicy, "IncidentOperatorApiProps.removalPolicy");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the missing or invalid property and its fix
         */
        public IncidentOperatorApiProps build() {
            if (api == null) {
                throw new IllegalArgumentException("IncidentOperatorApiProps.api is required: pass the REST API to"
                        + " add /incidents to, e.g. alertIngestApi.getApi()");
            }
            if (store == null) {
                throw new IllegalArgumentException("IncidentOperatorApiProps.store is required: pass the IncidentStore");
            }
            if (memorySize < 256 || memorySize > 10240) {
                throw new IllegalArgumentException("IncidentOperatorApiProps.memorySize must be 256-10240 MB (a Java"
                        + " function below 256 MB starts too slowly), got " + memorySize);
            }
            return new IncidentOperatorApiProps(this);
        }
    }
}
