package io.incidentpipeline.failover;

import software.amazon.awscdk.services.apigateway.IDomainName;
import software.amazon.awscdk.services.route53.AliasRecordTargetConfig;
import software.amazon.awscdk.services.route53.IAliasRecordTarget;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.IRecordSet;

/**
 * Alias targets that evaluate target health, which CDK's own API Gateway target does not offer:
 * with it, a record whose target chain is unhealthy is skipped, not answered.
 */
final class AliasTarget implements IAliasRecordTarget {
    private final AliasRecordTargetConfig config;

    private AliasTarget(AliasRecordTargetConfig config) {
        this.config = config;
    }

    /** @return an alias to an API Gateway regional custom domain */
    static AliasTarget apiDomain(IDomainName domain) {
        return new AliasTarget(AliasRecordTargetConfig.builder()
                .dnsName(domain.getDomainNameAliasDomainName())
                .hostedZoneId(domain.getDomainNameAliasHostedZoneId())
                .evaluateTargetHealth(true)
                .build());
    }

    /** @return an alias to another record set of the same zone, e.g. a latency set of standby regions */
    static AliasTarget record(IHostedZone zone, String recordName) {
        return new AliasTarget(AliasRecordTargetConfig.builder()
                .dnsName(recordName)
                .hostedZoneId(zone.getHostedZoneId())
                .evaluateTargetHealth(true)
                .build());
    }

    @Override
    public AliasRecordTargetConfig bind(IRecordSet record, IHostedZone zone) {
        return config;
    }

    @Override
    public AliasRecordTargetConfig bind(IRecordSet record) {
        return config;
    }
}
