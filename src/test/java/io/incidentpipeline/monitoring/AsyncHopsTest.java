package io.incidentpipeline.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.SynthesizedApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Walks every template of a three-region production stage with every optional part on (AWS
 * sources, built-in playbooks, drift detection, an escalation policy): each asynchronous hop has a place for what it
 * cannot deliver, and each such place and each function has an alarm. (The largest app the tests
 * synthesize: it is also the regression test of the cost pack's jsii callbacks, see CostRulesPack.)
 */
class AsyncHopsTest {
    private static final Map<String, Object> PROD = Map.of("stage", "prod",
            "regions", "us-east-1,eu-west-1,ap-southeast-2", "account", "123456789012",
            "domainName", "alerts.example.com", "hostedZoneId", "Z0123456789ABC", "hostedZoneName", "example.com",
            "notifyEmails", "oncall@example.com", "awsSources", "guardduty,securityhub",
            "playbooks", "block-public-bucket,revoke-open-ingress,drift-detection",
            "escalationPolicies", "[{\"name\":\"critical\",\"severities\":[\"critical\"],\"levels\":["
                    + "{\"afterMinutes\":5,\"targets\":[\"urgent\"]},{\"afterMinutes\":15,\"targets\":[\"sns:managers\"]}],"
                    + "\"repeatEveryMinutes\":30}]");
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

    private final SynthesizedApp app = SynthesizedApp.synthesize(PROD);

    private static List<Map.Entry<String, JsonNode>> resources(JsonNode template, String type) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.add(entry);
            }
        });
        return found;
    }

    /** @return what the alarms of {@code template} watch through dimension {@code dimension}: logical ids or values */
    private static Set<String> watched(JsonNode template, String metricName, String dimension) {
        Set<String> ids = new TreeSet<>();
        for (Map.Entry<String, JsonNode> alarm : resources(template, "AWS::CloudWatch::Alarm")) {
            JsonNode props = alarm.getValue().path("Properties");
            if (metricName.equals(props.path("MetricName").asText())) {
                props.path("Dimensions").forEach(d -> {
                    if (dimension.equals(d.path("Name").asText())) {
                        JsonNode value = d.path("Value");
                        ids.add(value.isTextual() ? value.asText()
                                : value.has("Fn::GetAtt") ? value.path("Fn::GetAtt").path(0).asText()
                                : value.path("Ref").asText());
                    }
                });
            }
        }
        return ids;
    }

    @Test
    void shouldGiveEveryAsynchronousHopAPlaceForWhatItCannotDeliver() {
        for (String region : REGIONS) {
            JsonNode template = app.templateJson(region);
            assertThat(resources(template, "AWS::Lambda::EventSourceMapping")).isNotEmpty().allSatisfy(esm ->
                    assertThat(esm.getValue().path("Properties").path("DestinationConfig").path("OnFailure")
                            .path("Destination").isMissingNode()).as(esm.getKey()).isFalse());
            assertThat(resources(template, "AWS::Events::Rule")).isNotEmpty().allSatisfy(rule ->
                    rule.getValue().path("Properties").path("Targets").forEach(target ->
                            assertThat(target.path("DeadLetterConfig").path("Arn").isMissingNode()).as(rule.getKey()).isFalse()));
            assertThat(resources(template, "AWS::Lambda::EventInvokeConfig")).isNotEmpty().allSatisfy(config ->
                    assertThat(config.getValue().path("Properties").path("DestinationConfig").path("OnFailure")
                            .isMissingNode()).as(config.getKey()).isFalse());
            assertThat(resources(template, "AWS::SNS::Subscription")).isNotEmpty().allSatisfy(subscription ->
                    assertThat(subscription.getValue().path("Properties").path("RedrivePolicy").isMissingNode())
                            .as(subscription.getKey()).isFalse());
        }
    }

    @Test
    void shouldAlarmOnEveryDeadLetterQueueAndEveryFunction() {
        for (String region : REGIONS) {
            JsonNode template = app.templateJson(region);
            Set<String> queues = new TreeSet<>();
            resources(template, "AWS::SQS::Queue").forEach(queue -> queues.add(queue.getKey()));
            assertThat(watched(template, "ApproximateNumberOfMessagesVisible", "QueueName"))
                    .as("dead-letter queues with an alarm in " + region).isEqualTo(queues);

            Set<String> functions = new TreeSet<>();
            resources(template, "AWS::Lambda::Function").stream()
                    .filter(fn -> fn.getValue().path("Properties").path("Handler").asText().startsWith("io.incidentpipeline"))
                    .forEach(fn -> functions.add(fn.getKey()));
            assertThat(watched(template, "Errors", "FunctionName")).as("functions with an error alarm in " + region)
                    .containsAll(functions);
        }
    }

    @Test
    void shouldSendEveryAlarmAndRecoveryToTheOpsTopicAndKeepOneDashboardPerRegion() {
        for (String region : REGIONS) {
            JsonNode template = app.templateJson(region);
            List<Map.Entry<String, JsonNode>> alarms = resources(template, "AWS::CloudWatch::Alarm");
            assertThat(alarms).hasSizeGreaterThan(15).allSatisfy(alarm -> {
                JsonNode props = alarm.getValue().path("Properties");
                assertThat(props.path("AlarmActions").toString()).as(alarm.getKey()).contains("OpsAlarms");
                assertThat(props.path("OKActions").toString()).as(alarm.getKey()).contains("OpsAlarms");
                assertThat(props.path("AlarmDescription").asText()).as(alarm.getKey()).isNotBlank();
            });
            assertThat(resources(template, "AWS::CloudWatch::Dashboard")).hasSize(1);
            assertThat(watched(template, "ReplicationLatency", "ReceivingRegion")).hasSize(2);
        }
    }

    @Test
    void shouldSweepForUnannouncedChangesEveryMinuteInEveryRegion_withRetriesAFailureQueueAndAlarms() {
        for (String region : REGIONS) {
            JsonNode template = app.templateJson(region);
            List<Map.Entry<String, JsonNode>> sweepers = resources(template, "AWS::Lambda::Function").stream()
                    .filter(fn -> fn.getValue().path("Properties").path("Handler").asText().contains("DueWorkSweeper"))
                    .toList();
            assertThat(sweepers).as("sweepers in " + region).hasSize(1);
            String sweeper = sweepers.get(0).getKey();
            JsonNode variables = sweepers.get(0).getValue().path("Properties").path("Environment").path("Variables");
            assertThat(variables.path("TAKEOVER_AFTER_SECONDS").asText()).isEqualTo("60");
            assertThat(variables.path("DUE_INDEX_NAME").asText()).isEqualTo("byDue");
            String alias = resources(template, "AWS::Lambda::Alias").stream()
                    .filter(a -> a.getValue().path("Properties").path("FunctionName").toString().contains(sweeper))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();

            List<Map.Entry<String, JsonNode>> schedules = resources(template, "AWS::Events::Rule").stream()
                    .filter(rule -> "rate(1 minute)".equals(rule.getValue().path("Properties").path("ScheduleExpression").asText()))
                    .toList();
            assertThat(schedules).as("the sweep schedule in " + region).singleElement().satisfies(rule -> {
                JsonNode target = rule.getValue().path("Properties").path("Targets").path(0);
                assertThat(target.path("Arn").toString()).contains(alias);
                assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(2);
                assertThat(target.path("DeadLetterConfig").path("Arn").isMissingNode()).isFalse();
            });
            assertThat(resources(template, "AWS::Lambda::EventInvokeConfig")).anySatisfy(config -> {
                assertThat(config.getValue().path("Properties").path("FunctionName").toString()).containsAnyOf(sweeper, alias);
                assertThat(config.getValue().path("Properties").path("DestinationConfig").path("OnFailure")
                        .isMissingNode()).isFalse();
            });
            assertThat(watched(template, "Errors", "FunctionName")).contains(sweeper);
            assertThat(resources(template, "AWS::CloudWatch::Alarm")).as("the takeover alarm in " + region)
                    .anySatisfy(alarm -> assertThat(alarm.getValue().path("Properties").path("MetricName").asText())
                            .isEqualTo("AnnouncementsTakenOver"));
            assertThat(resources(template, "AWS::Logs::MetricFilter")).anySatisfy(filter -> assertThat(
                    filter.getValue().path("Properties").path("FilterPattern").asText())
                    .isEqualTo("{ $.message = \"announcement taken over\" }"));
            String policies = resources(template, "AWS::IAM::Policy").stream()
                    .filter(policy -> policy.getValue().path("Properties").path("Roles").toString()
                            .contains(sweeper.substring(0, sweeper.length() - 8)))
                    .map(policy -> policy.getValue().path("Properties").path("PolicyDocument").toString())
                    .reduce("", String::concat);
            assertThat(policies).contains("\"dynamodb:Query\"", "/index/byDue", "dynamodb:UpdateItem", "events:PutEvents")
                    .doesNotContain("dynamodb:Scan");
        }
    }
}
