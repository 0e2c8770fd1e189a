package io.incidentpipeline.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.SynthesizedApp;
import io.incidentpipeline.config.ConfigurationException;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.event.ruler.Machine;

/**
 * A sandbox with a chat webhook, alarms and two escalation policies from {@code cdk.json} context:
 * the policies the handler tests fire (lambda-src's EscalationTest), so the levels they emitted run
 * through Event Ruler against the rules synthesized here.
 */
class EscalationPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Map<String, Object>> POLICIES = List.of(
            Map.of("name", "critical", "severities", List.of("critical"),
                    "levels", List.of(Map.of("afterMinutes", 5, "targets", List.of("urgent", "chat")),
                            Map.of("afterMinutes", 10, "targets", List.of("sns:managers"))),
                    "repeatEveryMinutes", 30),
            Map.of("name", "checkout-high", "severities", List.of("high"), "services", List.of("checkout"),
                    "levels", List.of(Map.of("afterMinutes", 5, "targets", List.of("routine")))));
    private static final Map<String, Object> CONTEXT = Map.of("monitoring", "true",
            "chatWebhookUrl", "https://hooks.example.com/services/T000/B000", "chatWebhookSecretName", "dev/chat",
            "escalationPolicies", POLICIES);

    private static SynthesizedApp app;
    private static Template template;
    private static JsonNode templateJson;
    private static Machine machine;
    /** Rule logical id → its description. */
    private static final Map<String, String> RULES = new LinkedHashMap<>();
    private static List<JsonNode> events;

    @BeforeAll
    static void synthesize() throws Exception {
        app = SynthesizedApp.synthesize(CONTEXT);
        template = app.template();
        templateJson = app.templateJson();
        machine = new Machine();
        templateJson.path("Resources").fields().forEachRemaining(entry -> {
            if ("AWS::Events::Rule".equals(entry.getValue().path("Type").asText())
                    && entry.getValue().path("Properties").has("EventPattern")) {
                RULES.put(entry.getKey(), entry.getValue().path("Properties").path("Description").asText());
                try {
                    machine.addRule(entry.getKey(), entry.getValue().path("Properties").path("EventPattern").toString());
                } catch (Exception e) {
                    throw new IllegalStateException("Event Ruler rejects the pattern of " + entry.getKey(), e);
                }
            }
        });
        events = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("lambda-src", "target", "contract-events"))) {
            for (Path file : files.sorted().toList()) {
                events.add(JSON.readTree(file.toFile()));
            }
        }
    }

    private static String rule(String description) {
        return RULES.entrySet().stream().filter(e -> e.getValue().startsWith(description)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no rule described '" + description + "' in " + RULES));
    }

    private static List<String> matches(JsonNode event) throws Exception {
        return machine.rulesForJSONEvent(event.toString());
    }

    @Test
    void shouldRouteEachFiredLevelToItsPolicysRuleOnly_andNoSeverityRoute() throws Exception {
        List<JsonNode> levels = events.stream().filter(e -> e.path("detail").has("escalation")).toList();
        assertThat(levels).as("the levels lambda-src's EscalationTest fired").isNotEmpty();
        for (JsonNode level : levels) {
            JsonNode escalation = level.path("detail").path("escalation");
            String expected = rule("Escalation policy " + escalation.path("policy").asText() + ", level "
                    + escalation.path("level").asInt() + " of ");
            assertThat(matches(level)).as(escalation.toString()).containsExactly(expected);
        }
        assertThat(levels).extracting(e -> e.path("detail").path("escalation").path("policy").asText() + "/"
                + e.path("detail").path("escalation").path("level").asInt())
                .contains("critical/1", "critical/2", "checkout-high/1");
    }

    @Test
    void shouldRouteSeverityEscalationsAsBefore_andToNoPolicy() throws Exception {
        List<JsonNode> raised = events.stream().filter(e -> e.path("detail-type").asText().equals("Incident Escalated")
                && !e.path("detail").has("escalation") && e.path("detail").path("severity").asText().equals("critical"))
                .toList();
        assertThat(raised).isNotEmpty();
        for (JsonNode event : raised) {
            assertThat(matches(event)).hasSize(2).allSatisfy(rule -> assertThat(RULES.get(rule))
                    .doesNotStartWith("Escalation policy"));
        }
    }

    @Test
    void shouldDeliverEachLevelToItsTargetsWithRetriesAndTheDeadLetterQueue() {
        JsonNode first = templateJson.path("Resources").path(rule("Escalation policy critical, level 1 of 2"));
        JsonNode second = templateJson.path("Resources").path(rule("Escalation policy critical, level 2 of 2 (repeats)"));
        assertThat(first.path("Properties").path("Targets")).hasSize(2);
        assertThat(second.path("Properties").path("Targets")).hasSize(1);
        for (JsonNode target : List.of(first.path("Properties").path("Targets").get(0),
                first.path("Properties").path("Targets").get(1), second.path("Properties").path("Targets").get(0))) {
            assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(8);
            assertThat(target.path("DeadLetterConfig").path("Arn").toString()).contains("Escalationcritical");
        }
        assertThat(first.path("Properties").path("Targets").get(1).has("InputTransformer")).as("the chat message").isTrue();
        assertThat(second.path("Properties").path("Targets").get(0).path("Arn").toString()).contains(":managers");
        assertThat(first.path("Properties").path("EventPattern").path("detail").path("escalation").toString())
                .as("ordered, so every synth writes the same template").isEqualTo("{\"policy\":[\"critical\"],\"level\":[1]}");
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Match.objectLike(Map.of("Name", "QueueName"))))));
        JsonNode report = app.validationReport();
        if (report != null) {
            report.path("pluginReports").forEach(plugin -> assertThat(plugin.path("violations")).isEmpty());
        }
    }

    @Test
    void shouldGiveThePublisherAndTheSweeperThePoliciesWithoutTargets() throws Exception {
        List<JsonNode> expected = List.of(
                JSON.readTree("{\"name\":\"critical\",\"match\":{\"severity\":[\"critical\"]},\"levels\":["
                        + "{\"afterSeconds\":300,\"targets\":[\"urgent\",\"chat\"]},"
                        + "{\"afterSeconds\":600,\"targets\":[\"sns:managers\"]}],\"repeatEverySeconds\":1800}"),
                JSON.readTree("{\"name\":\"checkout-high\",\"match\":{\"severity\":[\"high\"],\"service\":[\"checkout\"]},"
                        + "\"levels\":[{\"afterSeconds\":300,\"targets\":[\"routine\"]}]}"));
        for (String handler : List.of("StreamPublisher", "DueWorkSweeper")) {
            JsonNode function = function(templateJson, handler);
            String policies = function.path("Properties").path("Environment").path("Variables")
                    .path("ESCALATION_POLICIES").asText();
            assertThat(List.of(JSON.readTree(policies).elements().next(), JSON.readTree(policies).get(1)))
                    .as(handler).isEqualTo(expected);
        }
    }

    @Test
    void shouldSweepEveryMinuteInASandboxToo_cheaplyAndWithADeadLetterQueue() {
        JsonNode sandbox = SynthesizedApp.synthesize(Map.of()).templateJson();
        JsonNode sweeper = function(sandbox, "DueWorkSweeper");
        assertThat(sweeper.path("Properties").path("MemorySize").asInt()).isEqualTo(256);
        assertThat(sweeper.path("Properties").has("TracingConfig")).as("untraced: every sweep would be").isFalse();
        assertThat(sweeper.path("Properties").path("Environment").path("Variables").path("ANNOUNCEMENT_TAKEOVER").asText())
                .as("one region: nothing to take over").isEqualTo("false");
        assertThat(sweeper.path("Properties").path("Environment").path("Variables").has("ESCALATION_POLICIES")).isFalse();
        List<JsonNode> schedules = new ArrayList<>();
        sandbox.path("Resources").forEach(resource -> {
            if (resource.path("Properties").path("ScheduleExpression").asText().equals("rate(1 minute)")) {
                schedules.add(resource);
            }
        });
        assertThat(schedules).hasSize(1);
        JsonNode target = schedules.get(0).path("Properties").path("Targets").get(0);
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(2);
        assertThat(target.has("DeadLetterConfig")).isTrue();
    }

    @Test
    void shouldNameTheKeyAndTheFix_whenTheContextIsWrong() {
        Map<String, Object> bad = Map.of("escalationPolicies", List.of(
                Map.of("name", "Critical", "levels", List.of()),
                Map.of("name", "p", "severities", List.of("urgent"), "team", "x",
                        "levels", List.of(Map.of("afterMinutes", 5, "targets", List.of("chat", "pager"))),
                        "repeatEveryMinutes", 0),
                Map.of("name", "q", "levels", List.of(Map.of("afterMinutes", 0, "targets", List.of("urgent")),
                        Map.of("afterMinutes", 0, "targets", List.of("arn:aws:sns:eu-west-1:123456789012:ops"))))));
        assertThatThrownBy(() -> PipelineConfig.from(bad)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("escalationPolicies[0].name = 'Critical': must be 1-64 lowercase")
                .hasMessageContaining("escalationPolicies[p].severities = 'urgent': must be one of")
                .hasMessageContaining("escalationPolicies[1].team = 'x': unknown field")
                .hasMessageContaining("escalationPolicies[p].levels[0].targets = 'chat': chat needs chatWebhookUrl")
                .hasMessageContaining("escalationPolicies[p].levels[0].targets = 'pager': unknown target")
                .hasMessageContaining("escalationPolicies[p].repeatEveryMinutes = '0': must be a whole number of minutes from 1")
                .hasMessageContaining("escalationPolicies[q].levels[1].afterMinutes = '0'")
                .hasMessageContaining("escalationPolicies[q].levels[1].targets = 'arn:aws:sns:eu-west-1:123456789012:ops':"
                        + " an SNS topic ARN must be in the stage's only region");
        assertThatThrownBy(() -> PipelineConfig.from(Map.of("escalationPolicies", "[{\"name\":")))
                .hasMessageContaining("escalationPolicies = '[{\"name\":': must be a JSON array of policies");
        assertThat(PipelineConfig.from(Map.of("escalationPolicies", "[{\"name\":\"all\",\"levels\":[{\"afterMinutes\":1,"
                + "\"targets\":[\"urgent\"]}]}]")).getEscalationPolicies()).hasSize(1);
    }

    @Test
    void shouldNameThePropAndTheFix_whenThePropsAreWrong() {
        EscalationTarget urgent = EscalationTarget.of("urgent",
                new SqsQueue(software.amazon.awscdk.services.sqs.Queue.Builder.create(new software.amazon.awscdk.Stack(),
                        "Q").build()));
        EscalationLevel now = EscalationLevel.after(Duration.minutes(0), urgent);
        assertThatThrownBy(() -> EscalationPolicyProps.builder().name("Bad Name").levels(now).build())
                .hasMessageContaining("EscalationPolicyProps.name must be 1-64 lowercase");
        assertThatThrownBy(() -> EscalationPolicyProps.builder().name("p").build())
                .hasMessageContaining("EscalationPolicyProps.levels: policy p needs 1 to 10 levels");
        assertThatThrownBy(() -> EscalationPolicyProps.builder().name("p").levels(now, now).build())
                .hasMessageContaining("level 2 of policy p waits 0 minutes; a later level waits at least 1 minute");
        assertThatThrownBy(() -> EscalationPolicyProps.builder().name("p").levels(now).repeatEvery(Duration.seconds(30))
                .build()).hasMessageContaining("EscalationPolicyProps.repeatEvery of policy p must be from 1 minute");
        assertThatThrownBy(() -> EscalationPolicyProps.builder().name("p").levels(now)
                .match(IncidentPattern.builder().detailTypes(DetailType.OPENED).build()).build())
                .hasMessageContaining("EscalationPolicyProps.match of policy p: an incident match takes severities");
        assertThatThrownBy(() -> EscalationLevel.after(Duration.hours(25), urgent))
                .hasMessageContaining("EscalationLevel.after must be from 0 to 24 hours");
        assertThatThrownBy(() -> EscalationLevel.after(Duration.minutes(1), urgent, urgent))
                .hasMessageContaining("distinct names");
        assertThatThrownBy(() -> EscalationTarget.of("on call", urgent.bind(null)))
                .hasMessageContaining("EscalationTarget name 'on call' must be");
        assertThat(EscalationPolicyProps.builder().name("p").levels(now)
                .match(IncidentPattern.builder().severities(Severity.CRITICAL).services("checkout").labelsPresent("team")
                        .build()).build().getMatch().toIncidentMatch())
                .isEqualTo(Map.of("severity", List.of("critical"), "service", List.of("checkout"), "labels", List.of("team")));
    }

    private static JsonNode function(JsonNode template, String handler) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Lambda::Function")
                    && resource.path("Properties").path("Handler").asText().contains("." + handler + "::")) {
                found.add(resource);
            }
        });
        assertThat(found).as(handler).hasSize(1);
        return found.get(0);
    }
}
