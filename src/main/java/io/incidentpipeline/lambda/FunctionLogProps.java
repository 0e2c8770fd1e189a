package io.incidentpipeline.lambda;

import io.incidentpipeline.PropsChecks;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What every construct that runs a handler function lets its user set about the function's logs;
 * the base of those constructs' props, so the pair is written and documented once.
 */
public abstract class FunctionLogProps {
    private final RetentionDays logRetention;
    private final RemovalPolicy logRemovalPolicy;

    /**
     * Copies the log settings of a subclass's builder.
     *
     * @param b the builder whose log settings the props take
     */
    protected FunctionLogProps(Builder<?> b) {
        this.logRetention = b.logRetention;
        this.logRemovalPolicy = b.logRemovalPolicy;
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
     * {@return what happens to the function's logs when the stack is deleted}
     *
     * @default RemovalPolicy.RETAIN
     */
    public RemovalPolicy getLogRemovalPolicy() {
        return logRemovalPolicy;
    }

    /**
     * The builder of the log settings, typed as the concrete props' builder.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy logRemovalPolicy = RemovalPolicy.RETAIN;

        /** @return this builder, as its concrete type */
        protected abstract B self();

        /**
         * Sets the value of {@link FunctionLogProps#getLogRetention()}.
         *
         * @param logRetention how long the function's logs are kept
         * @return this builder
         */
        public B logRetention(RetentionDays logRetention) {
            this.logRetention = PropsChecks.notNull(logRetention, "FunctionLogProps.logRetention");
            return self();
        }

        /**
         * Sets the value of {@link FunctionLogProps#getLogRemovalPolicy()}.
         *
         * @param logRemovalPolicy what happens to the function's logs when the stack is deleted
         * @return this builder
         */
        public B logRemovalPolicy(RemovalPolicy logRemovalPolicy) {
            this.logRemovalPolicy = PropsChecks.notNull(logRemovalPolicy, "FunctionLogProps.logRemovalPolicy");
            return self();
        }
    }
}
