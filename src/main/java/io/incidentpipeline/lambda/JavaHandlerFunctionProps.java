package io.incidentpipeline.lambda;

import io.incidentpipeline.PropsChecks;
import java.util.Map;
import software.amazon.awscdk.Duration;

/** Properties of a {@link JavaHandlerFunction}. {@code handler} and {@code description} are required. */
public final class JavaHandlerFunctionProps extends FunctionLogProps {
    private final String handler;
    private final String description;
    private final int memorySize;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final String untracedReason;

    private JavaHandlerFunctionProps(Builder b) {
        super(b);
        this.handler = b.handler;
        this.description = b.description;
        this.memorySize = b.memorySize;
        this.timeout = b.timeout;
        this.environment = Map.copyOf(b.environment);
        this.untracedReason = b.untracedReason;
    }

    /** @return a builder; {@code handler} and {@code description} are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fully qualified {@code Class::method} inside the handlers' jar. Required.
     *
     * @return the handler
     */
    public String getHandler() {
        return handler;
    }

    /** {@return what the function does, shown in the console} Required. */
    public String getDescription() {
        return description;
    }

    /**
     * {@return memory in MB; CPU scales with it}
     *
     * @default 512
     */
    public int getMemorySize() {
        return memorySize;
    }

    /**
     * Per-invocation timeout.
     *
     * @return the timeout
     * @default Duration.seconds(30)
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Environment variables: names and ARNs only, never secret values.
     *
     * @return the environment variables
     * @default none
     */
    public Map<String, String> getEnvironment() {
        return environment;
    }

    /**
     * {@return why the function is not traced with X-Ray, when it is not: Lambda samples a function's
     * invocations at one a second (not configurable), so a function invoked on a schedule would
     * record a trace at every invocation} The reason becomes the acknowledgment of the finding.
     *
     * @default null - active tracing
     */
    public String getUntracedReason() {
        return untracedReason;
    }

    /** Builder for {@link JavaHandlerFunctionProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private String handler;
        private String description;
        private int memorySize = 512;
        private Duration timeout = Duration.seconds(30);
        private Map<String, String> environment = Map.of();
        private String untracedReason;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the value of {@link JavaHandlerFunctionProps#getHandler()}.
         *
         * @param handler fully qualified {@code Class::method} inside the handlers' jar
         * @return this builder
         */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /**
         * Sets the value of {@link JavaHandlerFunctionProps#getDescription()}.
         *
         * @param description what the function does, shown in the console
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the value of {@link JavaHandlerFunctionProps#getUntracedReason()}.
         *
         * @param reason why the function is not traced: the acknowledgment of the tracing finding
         * @return this builder
         */
        public Builder untraced(String reason) {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("JavaHandlerFunctionProps.untraced needs the reason the function is"
                        + " not traced: it becomes the acknowledgment of the tracing finding");
            }
            this.untracedReason = reason;
            return this;
        }

        /**
         * Sets the value of {@link JavaHandlerFunctionProps#getMemorySize()}.
         *
         * @param memorySize memory in MB; CPU scales with it
         * @return this builder
         */
        public Builder memorySize(int memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /**
         * Sets the value of {@link JavaHandlerFunctionProps#getTimeout()}.
         *
         * @param timeout per-invocation timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = PropsChecks.notNull(timeout, "JavaHandlerFunctionProps.timeout");
            return this;
        }

        /**
         * Sets the value of {@link JavaHandlerFunctionProps#getEnvironment()}.
         *
         * @param environment names and ARNs only, never secret values
         * @return this builder
         * @see JavaHandlerFunctionProps#getEnvironment()
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = PropsChecks.notNull(environment, "JavaHandlerFunctionProps.environment");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the missing or out-of-range property
         */
        public JavaHandlerFunctionProps build() {
            if (handler == null || !handler.contains("::")) {
                throw new IllegalArgumentException("JavaHandlerFunctionProps.handler must be Class::method, got '"
                        + handler + "'");
            }
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("JavaHandlerFunctionProps.description is required");
            }
            if (memorySize < 128 || memorySize > 10_240) {
                throw new IllegalArgumentException("JavaHandlerFunctionProps.memorySize must be 128-10240 MB, got "
                        + memorySize);
            }
            return new JavaHandlerFunctionProps(this);
        }
    }
}
