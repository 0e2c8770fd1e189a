package io.incidentpipeline.ingest;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/** Properties of an {@link AlertIngestApi}. Only {@code store} is required. */
public final class AlertIngestApiProps {
    /** The largest accepted alert body, in bytes, unless configured otherwise. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Steady-state requests per second the alert intake accepts, unless configured otherwise. */
    public static final int DEFAULT_THROTTLING_RATE_LIMIT = 50;
    /** Steady-state requests per second {@code GET /health} accepts, unless configured otherwise. */
    public static final int DEFAULT_HEALTH_THROTTLING_RATE_LIMIT = 10;
    /** Steady-state requests per second each operator API method accepts, unless configured otherwise. */
    public static final int DEFAULT_OPERATOR_THROTTLING_RATE_LIMIT = 10;
    /** How long after a rotation a source's previous signing key is still accepted, unless configured otherwise. */
    public static final Duration DEFAULT_PREVIOUS_KEY_GRACE_PERIOD = Duration.hours(24);
    private static final int MAX_PREVIOUS_KEY_GRACE_DAYS = 30;

    private final IIncidentStore store;
    private final List<AlertSource> sources;
    private final Map<AlertSource, ISecret> sourceSecrets;
    private final int throttlingRateLimit;
    private final int throttlingBurstLimit;
    private final int healthThrottlingRateLimit;
    private final int healthThrottlingBurstLimit;
    private final int operatorThrottlingRateLimit;
    private final int operatorThrottlingBurstLimit;
    private final Duration previousKeyGracePeriod;
    private final int maxBodyBytes;
    private final int memorySize;
    private final RetentionDays logRetention;
    private final RemovalPolicy removalPolicy;
    private final Integer firewallRequestsPer5Min;
    private final IEventBus bus;

    private AlertIngestApiProps(Builder b) {
        this.store = b.store;
        this.sources = List.copyOf(b.sources);
        this.sourceSecrets = Map.copyOf(b.sourceSecrets);
        this.throttlingRateLimit = b.throttlingRateLimit;
        this.throttlingBurstLimit = b.throttlingBurstLimit;
        this.healthThrottlingRateLimit = b.healthThrottlingRateLimit;
        this.healthThrottlingBurstLimit = b.healthThrottlingBurstLimit;
        this.operatorThrottlingRateLimit = b.operatorThrottlingRateLimit;
        this.operatorThrottlingBurstLimit = b.operatorThrottlingBurstLimit;
        this.previousKeyGracePeriod = b.previousKeyGracePeriod;
        this.maxBodyBytes = b.maxBodyBytes;
        this.memorySize = b.memorySize;
        this.logRetention = b.logRetention;
        this.removalPolicy = b.removalPolicy;
        this.firewallRequestsPer5Min = b.firewallRequestsPer5Min;
        this.bus = b.bus;
    }

    /** @return a builder; {@code store} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the table incidents are written to} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /**
     * {@return the alert sources accepted at {@code POST /alerts/{source}}; any other source gets a 404}
     *
     * @default [AlertSource.GENERIC]
     */
    public List<AlertSource> getSources() {
        return sources;
    }

    /**
     * {@return existing Secrets Manager secrets holding each source's signing key}
     *
     * @default a secret with a generated 48-character value is created for each source without one
     */
    public Map<AlertSource, ISecret> getSourceSecrets() {
        return sourceSecrets;
    }

    /**
     * {@return steady-state requests per second {@code POST /alerts/{source}} accepts before answering 429:
     * the alert intake's own budget, apart from health probes and the operator API}
     *
     * @default 50
     */
    public int getThrottlingRateLimit() {
        return throttlingRateLimit;
    }

    /**
     * {@return requests the alert intake accepts in a burst above its rate limit}
     *
     * @default 100
     */
    public int getThrottlingBurstLimit() {
        return throttlingBurstLimit;
    }

    /**
     * {@return steady-state requests per second {@code GET /health} accepts: Route 53's health checkers probe
     * a few times a second at most, and a flood of alerts cannot take this budget from them}
     *
     * @default 10
     */
    public int getHealthThrottlingRateLimit() {
        return healthThrottlingRateLimit;
    }

    /**
     * {@return requests {@code GET /health} accepts in a burst above its rate limit}
     *
     * @default 20
     */
    public int getHealthThrottlingBurstLimit() {
        return healthThrottlingBurstLimit;
    }

    /**
     * {@return steady-state requests per second each other method of the API accepts: the operator API
     * ({@code IncidentOperatorApi}) that {@code IncidentPipeline} adds to it, or any method you add}
     *
     * @default 10
     */
    public int getOperatorThrottlingRateLimit() {
        return operatorThrottlingRateLimit;
    }

    /**
     * {@return requests each other method accepts in a burst above its rate limit}
     *
     * @default 20
     */
    public int getOperatorThrottlingBurstLimit() {
        return operatorThrottlingBurstLimit;
    }

    /**
     * {@return how long after a rotation (a new {@code AWSCURRENT} version of a source's secret) the previous
     * key ({@code AWSPREVIOUS}) is still accepted, so that senders can be updated without losing an
     * alert; zero accepts only the current key} Removing the {@code AWSPREVIOUS} label ends it early.
     *
     * @default 24 hours
     */
    public Duration getPreviousKeyGracePeriod() {
        return previousKeyGracePeriod;
    }

    /**
     * {@return the largest alert body accepted, in bytes; larger ones get a 413}
     *
     * @default 65536 (64 KiB: alert payloads are a few KiB; an event on the bus is billed per 64 KiB)
     */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * {@return the ingest function's memory in MB}
     *
     * @default 512 - the handler is I/O-bound (one secret read per 5 minutes, one table write per alert)
     */
    public int getMemorySize() {
        return memorySize;
    }

    /**
     * {@return how long the function's and the API's access logs are kept}
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * {@return what happens to log groups and created secrets when the stack is deleted}
     *
     * @default RemovalPolicy.RETAIN
     */
    public RemovalPolicy getRemovalPolicy() {
        return removalPolicy;
    }

    /**
     * {@return whether a WAF web ACL ({@link ApiFirewall}) protects the stage, and the alerts per 5 minutes one
     * IP address may post before WAF blocks it; below the intake's budget (throttlingRateLimit × 300),
     * so one address cannot use it all up} Null for no firewall.
     *
     * @default null - no firewall (it costs about $11 a month idle); production stages should set one
     */
    public Integer getFirewallRequestsPer5Min() {
        return firewallRequestsPer5Min;
    }

    /**
     * {@return the incident bus, which {@code GET /health} checks is reachable besides the table (a region
     * whose bus is down cannot route what it accepts, so DNS should send alerts elsewhere)}
     *
     * @default no bus check
     */
    public IEventBus getBus() {
        return bus;
    }

    /** Builder for {@link AlertIngestApiProps}. */
    public static final class Builder {
        private IIncidentStore store;
        private List<AlertSource> sources = List.of(AlertSource.GENERIC);
        private final Map<AlertSource, ISecret> sourceSecrets = new EnumMap<>(AlertSource.class);
        private int throttlingRateLimit = DEFAULT_THROTTLING_RATE_LIMIT;
        private int throttlingBurstLimit = 100;
        private int healthThrottlingRateLimit = DEFAULT_HEALTH_THROTTLING_RATE_LIMIT;
        private int healthThrottlingBurstLimit = 20;
        private int operatorThrottlingRateLimit = DEFAULT_OPERATOR_THROTTLING_RATE_LIMIT;
        private int operatorThrottlingBurstLimit = 20;
        private Duration previousKeyGracePeriod = DEFAULT_PREVIOUS_KEY_GRACE_PERIOD;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int memorySize = 512;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
        private Integer firewallRequestsPer5Min;
        private IEventBus bus;

        private Builder() {
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getStore()}.
         *
         * @param store the table incidents are written to
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getSources()}.
         *
         * @param sources the alert sources accepted at {@code POST /alerts/{source}}; any other source gets a 404
         * @return this builder
         */
        public Builder sources(List<AlertSource> sources) {
            this.sources = sources;
            return this;
        }

        /**
         * Adds an existing secret for one source, in place of the generated one.
         *
         * @param source the alert source whose signing key the secret holds
         * @param secret the secret; its current value is the key
         * @return this builder
         * @see AlertIngestApiProps#getSourceSecrets()
         */
        public Builder sourceSecret(AlertSource source, ISecret secret) {
            sourceSecrets.put(PropsChecks.notNull(source, "AlertIngestApiProps.source"), PropsChecks.notNull(secret, "AlertIngestApiProps.secret"));
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getThrottlingRateLimit()}.
         *
         * @param requestsPerSecond steady-state requests per second {@code POST /alerts/{source}} accepts before
         *     answering 429: the alert intake's own budget, apart from health probes and the operator API
         * @return this builder
         */
        public Builder throttlingRateLimit(int requestsPerSecond) {
            this.throttlingRateLimit = requestsPerSecond;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getThrottlingBurstLimit()}.
         *
         * @param requests requests the alert intake accepts in a burst above its rate limit
         * @return this builder
         */
        public Builder throttlingBurstLimit(int requests) {
            this.throttlingBurstLimit = requests;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getHealthThrottlingRateLimit()}.
         *
         * @param requestsPerSecond steady-state requests per second {@code GET /health} accepts: Route 53's health
         *     checkers probe a few times a second at most, and a flood of alerts cannot take this budget from them
         * @return this builder
         */
        public Builder healthThrottlingRateLimit(int requestsPerSecond) {
            this.healthThrottlingRateLimit = requestsPerSecond;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getHealthThrottlingBurstLimit()}.
         *
         * @param requests requests {@code GET /health} accepts in a burst above its rate limit
         * @return this builder
         */
        public Builder healthThrottlingBurstLimit(int requests) {
            this.healthThrottlingBurstLimit = requests;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getOperatorThrottlingRateLimit()}.
         *
         * @param requestsPerSecond steady-state requests per second each other method of the API accepts: the
         *     operator API ({@code IncidentOperatorApi}) that {@code IncidentPipeline} adds to it, or any method you
         *     add
         * @return this builder
         */
        public Builder operatorThrottlingRateLimit(int requestsPerSecond) {
            this.operatorThrottlingRateLimit = requestsPerSecond;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getOperatorThrottlingBurstLimit()}.
         *
         * @param requests requests each other method accepts in a burst above its rate limit
         * @return this builder
         */
        public Builder operatorThrottlingBurstLimit(int requests) {
            this.operatorThrottlingBurstLimit = requests;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getPreviousKeyGracePeriod()}.
         *
         * @param gracePeriod how long after a rotation (a new {@code AWSCURRENT} version of a source's secret) the
         *     previous key ({@code AWSPREVIOUS}) is still accepted, so that senders can be updated without losing an
         *     alert; zero accepts only the current key
         * @return this builder
         */
        public Builder previousKeyGracePeriod(Duration gracePeriod) {
            this.previousKeyGracePeriod = PropsChecks.notNull(gracePeriod, "AlertIngestApiProps.previousKeyGracePeriod");
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getMaxBodyBytes()}.
         *
         * @param maxBodyBytes the largest alert body accepted, in bytes; larger ones get a 413
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getMemorySize()}.
         *
         * @param memorySize the ingest function's memory in MB
         * @return this builder
         */
        public Builder memorySize(int memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getLogRetention()}.
         *
         * @param logRetention how long the function's and the API's access logs are kept
         * @return this builder
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = PropsChecks.notNull(logRetention, "AlertIngestApiProps.logRetention");
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getRemovalPolicy()}.
         *
         * @param removalPolicy what happens to log groups and created secrets when the stack is deleted
         * @return this builder
         */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = PropsChecks.notNull(removalPolicy, "AlertIngestApiProps.removalPolicy");
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getBus()}.
         *
         * @param bus the incident bus, which {@code GET /health} checks is reachable besides the table (a region
         *     whose bus is down cannot route what it accepts, so DNS should send alerts elsewhere)
         * @return this builder
         */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Sets the value of {@link AlertIngestApiProps#getFirewallRequestsPer5Min()}.
         *
         * @param requestsPer5MinPerIp whether a WAF web ACL ({@link ApiFirewall}) protects the stage, and the
         *     alerts per 5 minutes one IP address may post before WAF blocks it; below the intake's budget
         *     (throttlingRateLimit × 300), so one address cannot use it all up
         * @return this builder
         */
        public Builder firewall(int requestsPer5MinPerIp) {
            this.firewallRequestsPer5Min = requestsPer5MinPerIp;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the property that is out of range and its bounds
         */
        public AlertIngestApiProps build() {
            if (store == null) {
                throw new IllegalArgumentException("AlertIngestApiProps.store is required: pass the IncidentStore"
                        + " that incidents are written to");
            }
            if (sources == null || sources.isEmpty()) {
                throw new IllegalArgumentException("AlertIngestApiProps.sources must name at least one source: "
                        + AlertSource.supportedIds());
            }
            for (AlertSource source : sourceSecrets.keySet()) {
                if (!sources.contains(source)) {
                    throw new IllegalArgumentException("AlertIngestApiProps.sourceSecret(" + source.getId()
                            + ", ...) is for a source that is not enabled; add it to sources or drop the secret");
                }
            }
            requireRange("throttlingRateLimit", throttlingRateLimit, 1, 10_000);
            requireRange("throttlingBurstLimit", throttlingBurstLimit, 1, 5_000);
            requireRange("healthThrottlingRateLimit", healthThrottlingRateLimit, 1, 10_000);
            requireRange("healthThrottlingBurstLimit", healthThrottlingBurstLimit, 1, 5_000);
            requireRange("operatorThrottlingRateLimit", operatorThrottlingRateLimit, 1, 10_000);
            requireRange("operatorThrottlingBurstLimit", operatorThrottlingBurstLimit, 1, 5_000);
            double graceSeconds = previousKeyGracePeriod.toSeconds().doubleValue();
            if (graceSeconds > Duration.days(MAX_PREVIOUS_KEY_GRACE_DAYS).toSeconds().doubleValue()) {
                throw new IllegalArgumentException("AlertIngestApiProps.previousKeyGracePeriod must be at most "
                        + MAX_PREVIOUS_KEY_GRACE_DAYS + " days, got " + previousKeyGracePeriod.toHumanString());
            }
            if (firewallRequestsPer5Min != null && firewallRequestsPer5Min >= throttlingRateLimit * 300) {
                throw new IllegalArgumentException("AlertIngestApiProps.firewall(" + firewallRequestsPer5Min + ")"
                        + " lets one address post the intake's whole budget (throttlingRateLimit " + throttlingRateLimit
                        + "/s × 300 s = " + throttlingRateLimit * 300 + " per 5 minutes); set it below, e.g. "
                        + throttlingRateLimit * 300 / 2);
            }
            requireRange("maxBodyBytes", maxBodyBytes, 1024, 6 * 1024 * 1024);
            requireRange("memorySize", memorySize, 256, 10_240);
            return new AlertIngestApiProps(this);
        }

        private static void requireRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("AlertIngestApiProps." + name + " must be between " + min
                        + " and " + max + ", got " + value);
            }
        }
    }
}
