package io.incidentpipeline.failover;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.apigateway.BasePathMappingOptions;
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.SecurityPolicy;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.Failover;
import software.amazon.awscdk.services.route53.HealthCheck;
import software.amazon.awscdk.services.route53.HealthCheckType;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.xray.CfnSamplingRule;
import software.constructs.Construct;

/**
 * One region's share of the pipeline's DNS: a DNS-validated certificate, the API on the shared
 * hostname and on {@code <region>.<domain>}, a Route 53 health check of the region's
 * {@code /health} (with an X-Ray sampling rule that leaves the probes untraced), and the region's
 * record for the shared hostname.
 *
 * <ul>
 *   <li>{@link Routing#LATENCY}: a latency record per region; callers reach the nearest healthy one.</li>
 *   <li>{@link Routing#FAILOVER}: the primary region's stack holds the PRIMARY record (its API); each
 *       other region has a latency record on {@code standby.<domain>}; the SECONDARY record, an alias to
 *       that set, is a {@link FailoverSecondaryRecord} created after them (Route 53 refuses an alias to
 *       a record that does not exist yet): so any number of standby regions take over, nearest first.</li>
 * </ul>
 * Every region's stack creates only its own records, under deterministic names: no cross-region
 * references. The health check probes the API's execute-api hostname, not the custom domain, so a
 * DNS change cannot hide a healthy region.
 */
public final class RegionalEndpoint extends Construct {
    /** The TTL callers' resolvers cache an alias answer for: Route 53 alias records to API Gateway use 60 s. */
    public static final int RECORD_TTL_SECONDS = 60;
    /** The health endpoint's path on the API's own hostname. */
    static final String HEALTH_PATH = "/v1/health";

    private final HealthCheck healthCheck;
    private final DomainName sharedDomain;
    private final String regionalHostname;

    /**
     * Creates this region's custom domain, its health check and its DNS records.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration
     * @throws IllegalArgumentException when the stack has no concrete region ({@code StackProps.env})
     */
    public RegionalEndpoint(Construct scope, String id, RegionalEndpointProps props) {
        super(scope, id);
        String region = Stack.of(this).getRegion();
        if (Token.isUnresolved(region)) {
            throw new IllegalArgumentException("RegionalEndpoint needs a stack with a concrete region (StackProps.env),"
                    + " since each region gets its own records");
        }
        String domain = props.getDomainName();
        regionalHostname = region + "." + domain;
        Certificate certificate = Certificate.Builder.create(this, "Certificate")
                .domainName(domain)
                .subjectAlternativeNames(List.of(regionalHostname))
                .validation(CertificateValidation.fromDns(props.getZone()))
                .build();
        sharedDomain = apiDomain("SharedDomain", domain, certificate, props);
        DomainName regionalDomain = apiDomain("RegionalDomain", regionalHostname, certificate, props);
        ARecord.Builder.create(this, "RegionalRecord")
                .zone(props.getZone())
                .recordName(regionalHostname)
                .target(RecordTarget.fromAlias(AliasTarget.apiDomain(regionalDomain)))
                .build();

        healthCheck = HealthCheck.Builder.create(this, "HealthCheck")
                .type(HealthCheckType.HTTPS)
                .fqdn(props.getApi().getRestApiId() + ".execute-api." + region + "." + Aws.URL_SUFFIX)
                .port(443)
                .resourcePath(HEALTH_PATH)
                .enableSni(true)
                .requestInterval(Duration.seconds(props.getHealthCheckIntervalSeconds()))
                .failureThreshold(props.getFailureThreshold())
                .regions(props.getCheckerRegions())
                .build();

        // Probes arrive every few seconds: traced, they would cost more than the health check itself.
        // Scoped to this API's stage (API Gateway traces as "<api name>/<stage>" with the stage's ARN):
        // sampling rules live in the account, and other services' /health must keep their tracing.
        Stage stage = props.getApi().getDeploymentStage();
        CfnSamplingRule.Builder.create(this, "HealthProbesUntraced")
                .samplingRule(CfnSamplingRule.SamplingRuleProperty.builder()
                        .ruleName("health-" + props.getApi().getRestApiId())
                        .priority(100)
                        .fixedRate(0)
                        .reservoirSize(0)
                        .urlPath("*" + HEALTH_PATH.substring(HEALTH_PATH.lastIndexOf('/')))
                        .httpMethod("GET")
                        .host("*")
                        .serviceName(props.getApi().getRestApiName() + "/" + stage.getStageName())
                        .serviceType("AWS::ApiGateway::Stage")
                        .resourceArn(stage.getStageArn())
                        .version(1)
                        .build())
                .build();

        RecordTarget api = RecordTarget.fromAlias(AliasTarget.apiDomain(sharedDomain));
        if (props.getRouting() == Routing.LATENCY) {
            latencyRecord("SharedRecord", domain, api, region, props);
        } else if (props.isPrimary()) {
            ARecord.Builder.create(this, "PrimaryRecord")
                    .zone(props.getZone()).recordName(domain).target(api)
                    .failover(Failover.PRIMARY).setIdentifier("primary").healthCheck(healthCheck)
                    .build();
        } else {
            latencyRecord("StandbyRecord", standbyName(domain), api, region, props);
        }
    }

    private DomainName apiDomain(String id, String hostname, Certificate certificate, RegionalEndpointProps props) {
        DomainName domain = DomainName.Builder.create(this, id)
                .domainName(hostname)
                .certificate(certificate)
                .endpointType(EndpointType.REGIONAL)
                .securityPolicy(SecurityPolicy.TLS_1_2)
                .build();
        domain.addBasePathMapping(props.getApi(), BasePathMappingOptions.builder()
                .stage(props.getApi().getDeploymentStage())
                .build());
        return domain;
    }

    private void latencyRecord(String id, String name, RecordTarget target, String region, RegionalEndpointProps props) {
        ARecord.Builder.create(this, id)
                .zone(props.getZone()).recordName(name).target(target)
                .region(region).setIdentifier(region).healthCheck(healthCheck)
                .build();
    }

    /** @return the record set the standby regions answer on, with failover routing */
    static String standbyName(String domain) {
        return "standby." + domain;
    }

    /** @return the region's health check */
    public HealthCheck getHealthCheck() {
        return healthCheck;
    }

    /** @return the API's custom domain on the shared hostname in this region */
    public DomainName getSharedDomain() {
        return sharedDomain;
    }

    /** @return {@code <region>.<domain>}: this region alone, for drills and debugging */
    public String getRegionalHostname() {
        return regionalHostname;
    }
}
