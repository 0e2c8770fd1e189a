package io.incidentpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.SynthesizedApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.event.ruler.Machine;

/** The default configuration (stage {@code dev}, one region): what `cdk synth` of this repo produces. */
class SandboxStackTest {
    private static SynthesizedApp app;
    private static Template template;
    private static JsonNode json;

    @BeforeAll
    static void synthesize() {
        app = SynthesizedApp.synthesize(Map.of("notifyEmails", "oncall@example.com"));
        template = app.template();
        json = app.templateJson();
    }

    @Test
    void shouldPassEveryNagPack_whenSynthesizedWithDefaults() {
        JsonNode report = app.validationReport();
        if (report != null) {
            for (JsonNode plugin : report.path("pluginReports")) {
                assertThat(plugin.path("violations")).as(plugin.path("pluginName").asText()).isEmpty();
            }
        }
    }

    @Test
    void shouldNameTheStackAfterStageAndRegion_whenDefaultsApply() {
        assertThat(app.stacks()).singleElement()
                .satisfies(stack -> assertThat(stack.getStackName()).isEqualTo("IncidentPipeline-dev-us-east-1"));
    }

    @Test
    void shouldCreateADisposableOnDemandTableWithPitrStreamAndStatusIndex_whenStageIsASandbox() {
        template.hasResource("AWS::DynamoDB::GlobalTable", Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of(
                        "BillingMode", "PAY_PER_REQUEST",
                        "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                        // Remembered delivery ids expire: bounded storage however many deliveries arrive.
                        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                        "SSESpecification", Match.objectLike(Map.of("SSEEnabled", true, "SSEType", "KMS")),
                        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                        "GlobalSecondaryIndexes", List.of(
                                Match.objectLike(Map.of("IndexName", "byStatus",
                                        "Projection", Match.objectLike(Map.of("ProjectionType", "INCLUDE")))),
                                Match.objectLike(Map.of("IndexName", "byService",
                                        "Projection", Match.objectLike(Map.of("ProjectionType", "INCLUDE")))),
                                Match.objectLike(Map.of("IndexName", "byId",
                                        "KeySchema", List.of(Map.of("AttributeName", "incidentId", "KeyType", "HASH")),
                                        "Projection", Map.of("ProjectionType", "KEYS_ONLY"))),
                                Match.objectLike(Map.of("IndexName", "byDue",
                                        "KeySchema", List.of(Map.of("AttributeName", "due", "KeyType", "HASH"),
                                                Map.of("AttributeName", "dueAt", "KeyType", "RANGE")),
                                        "Projection", Map.of("ProjectionType", "KEYS_ONLY")))),
                        "Replicas", List.of(Match.objectLike(Map.of(
                                "DeletionProtectionEnabled", false,
                                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))))))));
    }

    @Test
    void shouldRunEveryHandlerOnJava21Arm64WithSnapStartJsonLogsAndTracing() {
        template.resourceCountIs("AWS::Lambda::Function", 7);
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON")))));
        // All but the sweeper, which Lambda would trace at every sweep (EscalationPolicyTest).
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
                "TracingConfig", Map.of("Mode", "Active"))), 6);
        template.resourceCountIs("AWS::Lambda::Alias", 7);
        template.allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 7)));
    }

    @Test
    void shouldExposeAlertsAndHealthThroughAThrottledLoggedRegionalApi() {
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Match.objectLike(Map.of(
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL")))));
        template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "{source}",
                "ParentId", Match.anyValue(), "RestApiId", Match.anyValue()));
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "POST",
                "RequestParameters", Map.of("method.request.path.source", true,
                        "method.request.header.Content-Type", true))));
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of("HttpMethod", "GET")));
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "StageName", "v1",
                "TracingEnabled", true,
                "AccessLogSetting", Match.objectLike(Map.of("Format", Match.stringLikeRegexp("requestId"))),
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ResourcePath", "/*",
                        "HttpMethod", "*",
                        "DataTraceEnabled", false,
                        "LoggingLevel", "ERROR",
                        "ThrottlingRateLimit", 10,
                        "ThrottlingBurstLimit", 20)))))));
    }

    @Test
    void shouldTurnBudgetAndAnomalyAlertsIntoIncidents() {
        Capture topic = new Capture();
        template.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of(
                "Protocol", "lambda",
                "TopicArn", topic,
                "RedrivePolicy", Match.anyValue())));
        assertThat(topic.asObject().toString()).contains("CostGuardrailsAlerts");
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.ingest.SnsAlertHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("ALERT_TOPIC_ARNS", Match.anyValue()))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Principal", "sns.amazonaws.com", "SourceArn", Match.anyValue())));
    }

    @Test
    void shouldSkipPaidMonitoring_whenStageIsASandbox() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 0);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
    }

    @Test
    void shouldLeaveOutTheFirewallWithAnAcknowledgedReason_whenStageIsASandbox() {
        template.resourceCountIs("AWS::WAFv2::WebACL", 0);
        Object apig3Acknowledged = Match.arrayWith(List.of(Match.objectLike(Map.of("id", "AwsSolutions::AwsSolutions-APIG3"))));
        template.hasResource("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "Metadata", Match.objectLike(Map.of("cdk_nag", Map.of("rules_to_suppress", apig3Acknowledged))))));
    }

    @Test
    void shouldPublishOnlyThisRegionsIncidentWritesWithRetriesAndAFailureQueue() {
        Capture pattern = new Capture();
        Capture playbookResults = new Capture();
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "StartingPosition", "TRIM_HORIZON",
                "BisectBatchOnFunctionError", true,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "MaximumRetryAttempts", 8,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())),
                "FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern", pattern),
                        Map.of("Pattern", playbookResults))))));
        assertThat(playbookResults.asString()).isEqualTo("{\"dynamodb\":{\"Keys\":{\"sk\":{\"S\":[{\"prefix\":"
                + "\"PLAYBOOK#\"}]}},\"NewImage\":{\"announceClaim\":{\"S\":[{\"exists\":false}]},\"outcome\":{\"S\":"
                + "[{\"exists\":true}]},\"writtenRegion\":{\"S\":[\"us-east-1\"]}}},\"eventName\":[\"MODIFY\"]}");
        assertThat(pattern.asString())
                .isEqualTo("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"FP#\"}]},\"sk\":{\"S\":[\"INCIDENT\"]}},"
                        + "\"NewImage\":{\"announceClaim\":{\"S\":[{\"exists\":false}]},\"writtenRegion\":{\"S\":"
                        + "[\"us-east-1\"]}}},\"eventName\":[\"INSERT\",\"MODIFY\"]}");
    }

    @Test
    void shouldDeliverAChangeButNotTheClaimOfItsAnnouncement_toThePublisher() throws Exception {
        Capture pattern = new Capture();
        Capture playbookResults = new Capture();
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern", pattern),
                        Map.of("Pattern", playbookResults))))));
        Machine machine = new Machine();
        machine.addRule("incidents", pattern.asString());
        machine.addRule("results", playbookResults.asString());
        String change = "{\"eventName\":\"MODIFY\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"FP#ab12\"},"
                + "\"sk\":{\"S\":\"INCIDENT\"}},\"NewImage\":{\"pk\":{\"S\":\"FP#ab12\"},\"status\":{\"S\":"
                + "\"ACKNOWLEDGED\"},\"announceAcknowledged\":{\"S\":\"PENDING\"},\"writtenRegion\":{\"S\":\"us-east-1\"}}}}";
        String claim = change.replace("\"PENDING\"}", "\"stream@us-east-1\"},\"announceClaim\":{\"S\":"
                + "\"stream@us-east-1 ACKNOWLEDGED\"}");
        String result = "{\"eventName\":\"MODIFY\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"INC#inc_1\"},"
                + "\"sk\":{\"S\":\"PLAYBOOK#triage\"}},\"NewImage\":{\"outcome\":{\"S\":\"SUCCEEDED\"},"
                + "\"writtenRegion\":{\"S\":\"us-east-1\"}}}}";
        String resultClaim = result.replace("\"SUCCEEDED\"}", "\"SUCCEEDED\"},\"announceClaim\":{\"S\":"
                + "\"sweep@eu-west-1 RESULT\"}");

        assertThat(machine.rulesForJSONEvent(change)).containsExactly("incidents");
        assertThat(machine.rulesForJSONEvent(claim)).isEmpty();
        assertThat(machine.rulesForJSONEvent(result)).containsExactly("results");
        assertThat(machine.rulesForJSONEvent(resultClaim)).isEmpty();
    }

    @Test
    void shouldSweepForEscalationsButTakeNothingOver_whenThereIsOneRegion() {
        assertThat(app.stacks()).singleElement();
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Match.stringLikeRegexp("DueWorkSweeper"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of("ANNOUNCEMENT_TAKEOVER", "false"))))), 1);
        template.resourcePropertiesCountIs("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 minute)")), 1);
    }

    @Test
    void shouldGiveEveryRuleTargetARetryPolicyAndADeadLetterQueue() {
        List<JsonNode> targets = new ArrayList<>();
        resources("AWS::Events::Rule").forEach(rule -> rule.path("Properties").path("Targets").forEach(targets::add));
        assertThat(targets).hasSize(5).allSatisfy(target -> {
            assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
            assertThat(target.path("DeadLetterConfig").path("Arn").isMissingNode()).isFalse();
        });
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "MaximumRetryAttempts", 2,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
    }

    @Test
    void shouldArchiveIncidentEvents() {
        template.hasResourceProperties("AWS::Events::Archive", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("incident-pipeline")),
                "RetentionDays", 7)));
    }

    @Test
    void shouldSubscribeTheConfiguredAddressesOverTlsWithoutAPaidKey_whenStageIsASandbox() {
        template.resourceCountIs("AWS::KMS::Key", 0);
        template.allResourcesProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.absent())));
        template.allResources("AWS::SNS::Topic", Match.objectLike(Map.of(
                "Metadata", Match.objectLike(Map.of("incident-pipeline:unencrypted-reason", Match.stringLikeRegexp(".{40,}"))))));
        Object denyWithoutTls = Match.objectLike(Map.of(
                "Effect", "Deny",
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        template.allResourcesProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(denyWithoutTls)))))));
        template.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of(
                "Protocol", "email",
                "Endpoint", "oncall@example.com",
                "RedrivePolicy", Match.anyValue())));
    }

    @Test
    void shouldBudgetTheStageByItsTagAndAlertOnAnomalies() {
        template.hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of(
                        "BudgetLimit", Map.of("Amount", 10, "Unit", "USD"),
                        "CostFilters", Map.of("TagKeyValue", List.of("user:Stage$dev")),
                        "TimeUnit", "MONTHLY")),
                "NotificationsWithSubscribers", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Notification", Match.objectLike(Map.of("NotificationType", "FORECASTED", "Threshold", 100)),
                        "Subscribers", Match.arrayWith(List.of(
                                Map.of("SubscriptionType", "EMAIL", "Address", "oncall@example.com"))))))))));
        template.hasResourceProperties("AWS::CE::AnomalyMonitor", Match.objectLike(Map.of(
                "MonitorType", "CUSTOM",
                "MonitorSpecification", Match.stringLikeRegexp("\\{\"Tags\":\\{\"Key\":\"Stage\",\"Values\":\\[\"dev\"\\]"))));
        template.hasResourceProperties("AWS::CE::AnomalySubscription", Match.objectLike(Map.of(
                "Frequency", "IMMEDIATE",
                "Subscribers", List.of(Match.objectLike(Map.of("Type", "SNS"))))));
    }

    @Test
    void shouldGrantOnlyNamedActions_whenWritingAnyPolicy() {
        List<String> actions = new ArrayList<>();
        resources("AWS::IAM::Policy").forEach(policy -> policy.path("Properties").path("PolicyDocument")
                .path("Statement").forEach(statement -> {
                    JsonNode action = statement.path("Action");
                    if (action.isArray()) {
                        action.forEach(a -> actions.add(a.asText()));
                    } else {
                        actions.add(action.asText());
                    }
                }));
        assertThat(actions).isNotEmpty().noneMatch(action -> action.contains("*"));
    }

    @Test
    void shouldKeepSecretValuesOutOfTheTemplate_whenCreatingTheSigningSecret() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "GenerateSecretString", Match.objectLike(Map.of("PasswordLength", 48)))));
        Capture secretArns = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment",
                Map.of("Variables", Match.objectLike(Map.of("ALERT_SECRET_ARNS", secretArns))))));
        assertThat(secretArns.asObject().toString()).startsWith("{Fn::Join=").contains("generic=").contains("Ref=");
        assertThat(json.toString()).doesNotContain("\"SecretString\"");
    }

    @Test
    void shouldTagEveryTaggableResourceWithStageAppAndOwner() {
        List<String> untagged = new ArrayList<>();
        json.path("Resources").fields().forEachRemaining(entry -> {
            JsonNode tags = entry.getValue().path("Properties").path("Tags");
            if (tags.isMissingNode()) {
                return; // not taggable (policies, permissions, versions, …)
            }
            String text = tags.toString();
            if (!(text.contains("Stage") && text.contains("\"dev\"") && text.contains("incident-pipeline")
                    && text.contains("platform-team"))) {
                untagged.add(entry.getKey());
            }
        });
        assertThat(untagged).isEmpty();
        // The table's tags live on its replica: check them there.
        assertThat(resources("AWS::DynamoDB::GlobalTable").get(0).path("Properties").path("Replicas").toString())
                .contains("Stage").contains("dev");
    }

    @Test
    void shouldWriteEachAcknowledgmentWithItsReasonIntoTheTemplate() {
        List<JsonNode> rules = new ArrayList<>();
        json.path("Resources").forEach(resource -> resource.path("Metadata").path("cdk_nag")
                .path("rules_to_suppress").forEach(rules::add));
        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.path("id").asText()).matches("(AwsSolutions::AwsSolutions|Serverless::Serverless|Cost::Cost)-[A-Za-z0-9]+(\\[.+])?|CloudFormation-Validate::W[0-9]+");
            assertThat(rule.path("reason").asText()).hasSizeGreaterThan(40);
        });
    }

    private static List<JsonNode> resources(String type) {
        List<JsonNode> found = new ArrayList<>();
        json.path("Resources").forEach(r -> {
            if (type.equals(r.path("Type").asText())) {
                found.add(r);
            }
        });
        return found;
    }
}
