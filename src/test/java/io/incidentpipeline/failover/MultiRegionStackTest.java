package io.incidentpipeline.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.SynthesizedApp;
import io.incidentpipeline.app.IncidentPipelineStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Two and three regions, latency and failover routing, with and without a domain. */
class MultiRegionStackTest {
    private static final Map<String, Object> DOMAIN = Map.of("domainName", "alerts.example.com",
            "hostedZoneId", "Z0123456789ABC", "hostedZoneName", "example.com", "account", "123456789012");

    private static Map<String, Object> config(Map<String, Object> base, Object... more) {
        Map<String, Object> map = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        return map;
    }

    private static void assertNagClean(SynthesizedApp app) {
        JsonNode report = app.validationReport();
        if (report != null) {
            for (JsonNode plugin : report.path("pluginReports")) {
                assertThat(plugin.path("violations")).as(plugin.path("pluginName").asText()).isEmpty();
            }
        }
    }

    private static void assertNoCrossStackReferences(SynthesizedApp app, String region) {
        assertThat(app.templateJson(region).toString()).doesNotContain("Fn::ImportValue").doesNotContain("ExportsReader");
    }

    @Nested
    class TwoRegionsWithoutDomain {
        private final SynthesizedApp app = SynthesizedApp.synthesize(Map.of("stage", "staging",
                "regions", "us-east-1,eu-west-1", "silences", List.of(Map.of("name", "db-migration",
                        "matcher", Map.of("service", "orders-db"), "startsAt", "2026-12-05T22:00:00Z",
                        "endsAt", "2026-12-06T02:00:00Z", "comment", "CHG-1234"))));

        @Test
        void shouldWriteThePlannedWindowsOnce_fromThePrimaryStackThatOwnsTheTable() {
            String primary = app.templateJson("us-east-1").path("Resources").toString();
            assertThat(primary).contains("putItem", "planned:db-migration", "deleteItem");
            assertThat(app.templateJson("eu-west-1").path("Resources").toString()).doesNotContain("putItem");
        }

        @Test
        void shouldOwnTheGlobalTableWithAReplicaInTheSecondRegion_inThePrimaryStack() {
            app.template("us-east-1").hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                    "TableName", "incident-pipeline-staging-incidents",
                    "Replicas", Match.arrayWith(List.of(Match.objectLike(Map.of("Region", "eu-west-1")))))));
            app.template("us-east-1").hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                    "Replicas", Match.arrayWith(List.of(Match.objectLike(Map.of("Region", "us-east-1")))))));
            app.template("eu-west-1").resourceCountIs("AWS::DynamoDB::GlobalTable", 0);
        }

        @Test
        void shouldExpireRememberedDeliveriesByTimeToLive_whenTheTableIsEventuallyConsistent() {
            app.template("us-east-1").hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                    "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))));
        }

        @Test
        void shouldPublishTheReplicasStreamFromTheLookedUpArn_inTheSecondRegion() {
            Template secondary = app.template("eu-west-1");
            secondary.hasResourceProperties("Custom::AWS", Match.objectLike(Map.of(
                    "Update", Match.stringLikeRegexp("describeTable.*incident-pipeline-staging-incidents"))));
            Capture source = new Capture();
            Capture incidents = new Capture();
            Capture playbookResults = new Capture();
            secondary.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                    "EventSourceArn", source,
                    "FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern", incidents),
                            Map.of("Pattern", playbookResults))))));
            assertThat(source.asObject().toString()).contains("Table.LatestStreamArn");
            assertThat(incidents.asString()).contains("\"writtenRegion\":{\"S\":[\"eu-west-1\"]}");
            assertThat(playbookResults.asString()).contains("\"writtenRegion\":{\"S\":[\"eu-west-1\"]}");
        }

        @Test
        void shouldShareOneSigningKeyReplicatedToEveryRegion() {
            app.template("us-east-1").hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                    "Name", "incident-pipeline/staging/generic",
                    "ReplicaRegions", List.of(Map.of("Region", "eu-west-1")))));
            app.template("eu-west-1").resourceCountIs("AWS::SecretsManager::Secret", 0);
            Capture arns = new Capture();
            app.template("eu-west-1").hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("ALERT_SECRET_ARNS", arns))))));
            assertThat(arns.asObject().toString()).contains("secret:incident-pipeline/staging/generic");
        }

        @Test
        void shouldDeployThePrimaryFirstAndCreateNoDns() {
            IncidentPipelineStack secondary = app.stacks().get(1);
            assertThat(secondary.getDependencies()).extracting(s -> s.getStackName())
                    .containsExactlyInAnyOrder(app.stacks().get(0).getStackName(),
                            "IncidentPipeline-apigateway-account-eu-west-1");
            app.template("us-east-1").resourceCountIs("AWS::Route53::HealthCheck", 0);
            app.template("eu-west-1").resourceCountIs("AWS::Route53::RecordSet", 0);
            assertNoCrossStackReferences(app, "us-east-1");
            assertNoCrossStackReferences(app, "eu-west-1");
            assertNagClean(app);
        }
    }

    @Nested
    class ThreeRegionsLatency {
        private final SynthesizedApp app = SynthesizedApp.synthesize(config(DOMAIN, "stage", "prod",
                "regions", "us-east-1,eu-west-1,ap-southeast-2"));

        @Test
        void shouldGiveEveryRegionACertificateDomainsHealthCheckAndLatencyRecord() {
            for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
                Template template = app.template(region);
                template.hasResourceProperties("AWS::CertificateManager::Certificate", Match.objectLike(Map.of(
                        "DomainName", "alerts.example.com",
                        "SubjectAlternativeNames", List.of(region + ".alerts.example.com"),
                        "ValidationMethod", "DNS")));
                template.resourceCountIs("AWS::ApiGateway::DomainName", 2);
                template.hasResourceProperties("AWS::Route53::HealthCheck", Match.objectLike(Map.of(
                        "HealthCheckConfig", Match.objectLike(Map.of(
                                "Type", "HTTPS",
                                "ResourcePath", "/v1/health",
                                "RequestInterval", 30,
                                "FailureThreshold", 3,
                                "Regions", RegionalEndpointProps.DEFAULT_CHECKER_REGIONS)))));
                template.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of(
                        "Name", "alerts.example.com.",
                        "Type", "A",
                        "Region", region,
                        "SetIdentifier", region,
                        "HealthCheckId", Match.anyValue(),
                        "AliasTarget", Match.objectLike(Map.of("EvaluateTargetHealth", true)))));
                template.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of(
                        "Name", region + ".alerts.example.com.")));
                template.hasResourceProperties("AWS::XRay::SamplingRule", Map.of("SamplingRule", Match.objectLike(Map.of(
                        "URLPath", "*/health", "FixedRate", 0, "ReservoirSize", 0))));
                assertNoCrossStackReferences(app, region);
            }
        }

        @Test
        void shouldAlarmOnEveryRegionsHealthCheck_inUsEast1_whereRoute53PublishesItsMetrics() {
            JsonNode alarms = app.templateJsonOf("IncidentPipeline-prod-health-alarms");
            List<String> alarmed = new ArrayList<>();
            alarms.path("Resources").forEach(resource -> {
                if ("AWS::CloudWatch::Alarm".equals(resource.path("Type").asText())) {
                    assertThat(resource.path("Properties").path("MetricName").asText()).isEqualTo("HealthCheckStatus");
                    assertThat(resource.path("Properties").path("Namespace").asText()).isEqualTo("AWS/Route53");
                    assertThat(resource.path("Properties").path("AlarmActions")).hasSize(1);
                    alarmed.add(resource.path("Properties").path("AlarmDescription").asText().split(" ")[1]);
                }
            });
            assertThat(alarmed).containsExactlyInAnyOrderElementsOf(app.stacks().stream().map(Stack::getRegion).toList());
            // Each region writes its health-check id to an SSM parameter in us-east-1 at deploy time, which
            // the alarms read as CloudFormation SSM parameters: no CDK cross-region reference, no export.
            for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
                assertThat(alarms.path("Parameters").toString()).contains("/incident-pipeline/prod/health-check-id/" + region);
                assertThat(app.templateJson(region).toString()).contains("\\\"Name\\\":\\\"/incident-pipeline/prod/health-check-id/"
                        + region + "\\\"").contains("\\\"region\\\":\\\"us-east-1\\\"");
            }
            assertThat(alarms.toString()).doesNotContain("Fn::ImportValue").doesNotContain("/cdk/exports/");
            assertThat(app.dependenciesOf("IncidentPipeline-prod-health-alarms")).contains("IncidentPipeline-prod-eu-west-1");
        }

        @Test
        void shouldSynthesizeNagClean() {
            assertNagClean(app);
        }
    }

    @Nested
    class ThreeRegionsFailover {
        private final SynthesizedApp app = SynthesizedApp.synthesize(config(DOMAIN, "stage", "prod",
                "regions", "eu-west-1,us-east-1,ap-southeast-2", "routing", "failover"));

        @Test
        void shouldPointThePrimaryRecordAtThePrimaryAndTheSecondaryAtTheStandbySet() {
            Template primary = app.template("eu-west-1");
            primary.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of(
                    "Name", "alerts.example.com.", "Failover", "PRIMARY", "HealthCheckId", Match.anyValue())));
            primary.resourcePropertiesCountIs("AWS::Route53::RecordSet",
                    Match.objectLike(Map.of("Failover", "SECONDARY")), 0);
            // The SECONDARY aliases the standby regions' records: created after them, in a stack of its own.
            JsonNode failover = app.templateJsonOf("IncidentPipeline-prod-failover");
            assertThat(failover.path("Resources").toString()).contains("\"Failover\":\"SECONDARY\"")
                    .contains("\"DNSName\":\"standby.alerts.example.com\"");
            assertThat(app.stacks()).allSatisfy(stack -> assertThat(app.dependenciesOf("IncidentPipeline-prod-failover"))
                    .contains(stack.getArtifactId()));
            for (String standby : List.of("us-east-1", "ap-southeast-2")) {
                app.template(standby).hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of(
                        "Name", "standby.alerts.example.com.", "Region", standby, "HealthCheckId", Match.anyValue())));
                app.template(standby).resourcePropertiesCountIs("AWS::Route53::RecordSet",
                        Match.objectLike(Map.of("Failover", Match.anyValue())), 0);
            }
        }

        @Test
        void shouldPutTheGlobalTableInThePrimaryRegionEvenWhenItIsNotFirstAlphabetically() {
            app.template("eu-west-1").resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
            assertThat(app.stacks().stream().map(s -> s.getRegion()).collect(Collectors.toList()))
                    .containsExactly("eu-west-1", "us-east-1", "ap-southeast-2");
            assertNagClean(app);
        }
    }

    @Nested
    class StrongConsistency {
        private final SynthesizedApp app = SynthesizedApp.synthesize(Map.of("stage", "prod",
                "regions", "us-east-1,us-east-2,us-west-2", "consistency", "strong"));

        @Test
        void shouldCreateAStronglyConsistentGlobalTable() {
            app.template("us-east-1").hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                    "MultiRegionConsistency", "STRONG",
                    "Replicas", Match.arrayWith(List.of(Match.objectLike(Map.of("Region", "us-west-2")))))));
            assertNagClean(app);
        }

        @Test
        void shouldGiveTheTableNoTimeToLive_becauseDynamoDbIsNotKnownToSupportItOnStronglyConsistentTables() {
            app.template("us-east-1").hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                    "MultiRegionConsistency", "STRONG", "TimeToLiveSpecification", Match.absent())));
        }
    }
}
