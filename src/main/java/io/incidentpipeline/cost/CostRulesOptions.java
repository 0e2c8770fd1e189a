package io.incidentpipeline.cost;

/** Which cost rules apply to an app, and their thresholds. */
public final class CostRulesOptions {
    private final boolean sandbox;
    private final int lambdaMemoryCeilingMb;

    private CostRulesOptions(Builder b) {
        this.sandbox = b.sandbox;
        this.lambdaMemoryCeilingMb = b.lambdaMemoryCeilingMb;
    }

    /** @return a builder with every option at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return whether the app is a developer sandbox, which adds the sandbox-only rules}
     *
     * @default false
     */
    public boolean isSandbox() {
        return sandbox;
    }

    /**
     * {@return the largest Lambda memory size accepted without an acknowledgment, in MB}
     *
     * @default 1024
     */
    public int getLambdaMemoryCeilingMb() {
        return lambdaMemoryCeilingMb;
    }

    /** Builder for {@link CostRulesOptions}. */
    public static final class Builder {
        private boolean sandbox;
        private int lambdaMemoryCeilingMb = 1024;

        private Builder() {
        }

        /**
         * Sets the value of {@link CostRulesOptions#isSandbox()}.
         *
         * @param sandbox whether the app is a developer sandbox, which adds the sandbox-only rules
         * @return this builder
         */
        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        /**
         * Sets the value of {@link CostRulesOptions#getLambdaMemoryCeilingMb()}.
         *
         * @param megabytes the largest Lambda memory size accepted without an acknowledgment, in MB
         * @return this builder
         */
        public Builder lambdaMemoryCeilingMb(int megabytes) {
            if (megabytes < 128 || megabytes > 10_240) {
                throw new IllegalArgumentException("CostRulesOptions.lambdaMemoryCeilingMb must be 128-10240, got "
                        + megabytes);
            }
            this.lambdaMemoryCeilingMb = megabytes;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options, immutable
         */
        public CostRulesOptions build() {
            return new CostRulesOptions(this);
        }
    }
}
