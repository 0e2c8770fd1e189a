package io.incidentpipeline.failover;

import software.amazon.awscdk.services.route53.IHostedZone;

/** Properties of a {@link FailoverSecondaryRecord}; both are required. */
public final class FailoverSecondaryRecordProps {
    private final IHostedZone zone;
    private final String domainName;

    private FailoverSecondaryRecordProps(Builder b) {
        this.zone = b.zone;
        this.domainName = b.domainName;
    }

    /** @return a builder; {@code zone} and {@code domainName} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the public hosted zone that holds {@code domainName}} Required. */
    public IHostedZone getZone() {
        return zone;
    }

    /** {@return the shared hostname, the same as the regions' {@link RegionalEndpointProps#getDomainName()}} Required. */
    public String getDomainName() {
        return domainName;
    }

    /** Builds {@link FailoverSecondaryRecordProps}. */
    public static final class Builder {
        private IHostedZone zone;
        private String domainName;

        /**
         * @param zone the public hosted zone that holds the domain
         * @return this builder
         */
        public Builder zone(IHostedZone zone) {
            this.zone = zone;
            return this;
        }

        /**
         * @param domainName the shared hostname
         * @return this builder
         */
        public Builder domainName(String domainName) {
            this.domainName = domainName;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException when a required property is missing
         */
        public FailoverSecondaryRecordProps build() {
            if (zone == null) {
                throw new IllegalArgumentException("FailoverSecondaryRecordProps.zone is required: the hosted zone of domainName");
            }
            if (domainName == null || domainName.isBlank()) {
                throw new IllegalArgumentException("FailoverSecondaryRecordProps.domainName is required: the shared hostname");
            }
            return new FailoverSecondaryRecordProps(this);
        }
    }
}
