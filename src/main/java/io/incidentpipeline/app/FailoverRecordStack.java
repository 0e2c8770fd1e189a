package io.incidentpipeline.app;

import io.incidentpipeline.config.DomainConfig;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.failover.FailoverSecondaryRecord;
import io.incidentpipeline.failover.FailoverSecondaryRecordProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.constructs.Construct;

/**
 * The SECONDARY record of failover routing, in a stack of its own named
 * {@code IncidentPipeline-<stage>-failover} in the primary region: it aliases the standby regions'
 * {@code standby.<domain>} records, so it deploys after every standby region's stack (Route 53
 * refuses an alias to a record that does not exist yet).
 */
public final class FailoverRecordStack extends Stack {
    /**
     * Creates the SECONDARY failover record of a stage.
     *
     * @param scope the app
     * @param config the stage's configuration
     * @param domain its domain
     */
    public FailoverRecordStack(Construct scope, PipelineConfig config, DomainConfig domain) {
        super(scope, "IncidentPipeline-" + config.getStage() + "-failover", StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null))
                        .region(config.getPrimaryRegion()).build())
                .description("Incident Pipeline, stage " + config.getStage() + ": the failover record to the standby regions")
                .terminationProtection(config.getStage().isProduction())
                .build());
        new FailoverSecondaryRecord(this, "SecondaryRecord", FailoverSecondaryRecordProps.builder()
                .zone(HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                        .hostedZoneId(domain.getHostedZoneId())
                        .zoneName(domain.getHostedZoneName())
                        .build()))
                .domainName(domain.getDomainName())
                .build());
    }
}
