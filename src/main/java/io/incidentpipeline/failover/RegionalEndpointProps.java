package io.incidentpipeline.failover;

import io.incidentpipeline.PropsChecks;
import java.util.List;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.route53.IHostedZone;

/** Properties of a {@link RegionalEndpoint}. {@code api}, {@code zone} and {@code domainName} are required. */
public final class RegionalEndpointProps {
    /** Route 53 health checkers' regions probed from when none are given: three, the minimum, on three continents. */
    public static final List<String> DEFAULT_CHECKER_REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-1");

    private final RestApi api;
    private final IHostedZone zone;
    private final String domainName;
    private final Routing routing;
    private final boolean primary;
    private final int healthCheckIntervalSeconds;
    private final int failureThreshold;
    private final List<String> checkerRegions;

    private RegionalEndpointProps(Builder b) {
        this.api = b.api;
        this.zone = b.zone;
        this.domainName = b.domainName;
        this.routing = b.routing;
        this.primary = b.primary;
        this.healthCheckIntervalSeconds = b.healthCheckIntervalSeconds;
        this.failureThreshold = b.failureThreshold;
        this.checkerRegions = List.copyOf(b.checkerRegions);
    }

    /** @return a builder; {@code api}, {@code zone} and {@code domainName} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return this region's alert API; its deployment stage is mapped at the root of the domain} Required. */
    public RestApi getApi() {
        return api;
    }

    /** {@return the public hosted zone that holds {@code domainName}} Required. */
    public IHostedZone getZone() {
        return zone;
    }

    /** {@return the hostname shared by every region, e.g. {@code alerts.example.com}} Required. */
    public String getDomainName() {
        return domainName;
    }

    /**
     * {@return how the shared hostname chooses a region}
     *
     * @default Routing.LATENCY
     */
    public Routing getRouting() {
        return routing;
    }

    /**
     * With failover routing: whether this region is the primary one.
     *
     * @return whether this region is the primary
     * @default false
     */
    public boolean isPrimary() {
        return primary;
    }

    /**
     * {@return seconds between two probes of one health checker: 30 or 10 (10 is billed extra)}
     *
     * @default 30
     */
    public int getHealthCheckIntervalSeconds() {
        return healthCheckIntervalSeconds;
    }

    /**
     * Consecutive failed probes before the region counts as unhealthy.
     *
     * @return the number of failed probes, 1 to 10
     * @default 3
     */
    public int getFailureThreshold() {
        return failureThreshold;
    }

    /**
     * {@return regions whose Route 53 health checkers probe the endpoint; each probe is an API request, so
     * fewer checkers cost less}
     *
     * @default DEFAULT_CHECKER_REGIONS (three)
     */
    public List<String> getCheckerRegions() {
        return checkerRegions;
    }

    /** @return seconds from a region's failure to callers reaching another: detection plus the record TTL */
    public int failoverSeconds() {
        return healthCheckIntervalSeconds * failureThreshold + RegionalEndpoint.RECORD_TTL_SECONDS;
    }

    /** Builder for {@link RegionalEndpointProps}. */
    public static final class Builder {
        private RestApi api;
        private IHostedZone zone;
        private String domainName;
        private Routing routing = Routing.LATENCY;
        private boolean primary;
        private int healthCheckIntervalSeconds = 30;
        private int failureThreshold = 3;
        private List<String> checkerRegions = DEFAULT_CHECKER_REGIONS;

        private Builder() {
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#getApi()}.
         *
         * @param api this region's alert API; its deployment stage is mapped at the root of the domain
         * @return this builder
         */
        public Builder api(RestApi api) {
            this.api = api;
            return this;
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#getZone()}.
         *
         * @param zone the public hosted zone that holds {@code domainName}
         * @return this builder
         */
        public Builder zone(IHostedZone zone) {
            this.zone = zone;
            return this;
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#getDomainName()}.
         *
         * @param domainName the hostname shared by every region, e.g. {@code alerts.example.com}
         * @return this builder
         */
        public Builder domainName(String domainName) {
            this.domainName = domainName;
            return this;
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#getRouting()}.
         *
         * @param routing how the shared hostname chooses a region
         * @return this builder
         */
        public Builder routing(Routing routing) {
            this.routing = PropsChecks.notNull(routing, "RegionalEndpointProps.routing");
            return this;
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#isPrimary()}.
         *
         * @param primary with failover routing: whether this region is the primary one
         * @return this builder
         */
        public Builder primary(boolean primary) {
            this.primary = primary;
            return this;
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#getHealthCheckIntervalSeconds()}.
         *
         * @param seconds seconds between two probes of one health checker: 30 or 10 (10 is billed extra)
         * @return this builder
         */
        public Builder healthCheckIntervalSeconds(int seconds) {
            this.healthCheckIntervalSeconds = seconds;
            return this;
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#getFailureThreshold()}.
         *
         * @param failureThreshold consecutive failed probes before the region counts as unhealthy
         * @return this builder
         */
        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
            return this;
        }

        /**
         * Sets the value of {@link RegionalEndpointProps#getCheckerRegions()}.
         *
         * @param checkerRegions regions whose Route 53 health checkers probe the endpoint; each probe is an API
         *     request, so fewer checkers cost less
         * @return this builder
         */
        public Builder checkerRegions(List<String> checkerRegions) {
            this.checkerRegions = PropsChecks.notNull(checkerRegions, "RegionalEndpointProps.checkerRegions");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the missing or out-of-range property
         */
        public RegionalEndpointProps build() {
            if (api == null || zone == null || domainName == null) {
                throw new IllegalArgumentException("RegionalEndpointProps: api, zone and domainName are required");
            }
            if (healthCheckIntervalSeconds != 10 && healthCheckIntervalSeconds != 30) {
                throw new IllegalArgumentException("RegionalEndpointProps.healthCheckIntervalSeconds must be 10 or 30"
                        + " (Route 53's two intervals), got " + healthCheckIntervalSeconds);
            }
            if (failureThreshold < 1 || failureThreshold > 10) {
                throw new IllegalArgumentException("RegionalEndpointProps.failureThreshold must be 1-10, got "
                        + failureThreshold);
            }
            if (checkerRegions.size() < 3) {
                throw new IllegalArgumentException("RegionalEndpointProps.checkerRegions needs at least three regions"
                        + " (a Route 53 minimum), got " + checkerRegions);
            }
            return new RegionalEndpointProps(this);
        }
    }
}
