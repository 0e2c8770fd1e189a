package io.incidentpipeline.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.SynthesizedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * The rules the template deploys must match the events the handlers really emit: the events the
 * publisher's tests captured (lambda-src/target/contract-events) run through AWS's own pattern
 * engine, Event Ruler, against the rule patterns read from the synthesized template.
 */
class EventRoutingContractTest {
    private static final Path EVENTS = Path.of("lambda-src", "target", "contract-events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Machine machine;
    private static Map<String, JsonNode> events;
    private static String urgentRule;
    private static String urgentNotifications;
    private static String routineNotifications;
    private static String playbookFailedNotifications;

    @BeforeAll
    static void loadRulesAndEvents() throws Exception {
        JsonNode template = SynthesizedApp.synthesize(Map.of()).templateJson();
        machine = new Machine();
        template.path("Resources").fields().forEachRemaining(entry -> {
            // Rules with a pattern: the sweeper's schedule has none.
            if ("AWS::Events::Rule".equals(entry.getValue().path("Type").asText())
                    && entry.getValue().path("Properties").has("EventPattern")) {
                try {
                    machine.addRule(entry.getKey(), entry.getValue().path("Properties").path("EventPattern").toString());
                } catch (Exception e) {
                    throw new IllegalStateException("Event Ruler rejects the pattern of " + entry.getKey(), e);
                }
                if (entry.getKey().contains("UrgentOpened")) {
                    urgentRule = entry.getKey();
                } else if (entry.getKey().contains("NotificationsUrgentRule")) {
                    urgentNotifications = entry.getKey();
                } else if (entry.getKey().contains("NotificationsRoutineRule")) {
                    routineNotifications = entry.getKey();
                } else if (entry.getKey().contains("NotificationsPlaybookFailedRule")) {
                    playbookFailedNotifications = entry.getKey();
                }
            }
        });
        assertThat(Files.isDirectory(EVENTS))
                .as("%s holds the events the handler tests emit; build lambda-src first (mvn package in the repo root)", EVENTS)
                .isTrue();
        events = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(EVENTS)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                events.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
    }

    private static List<String> matches(JsonNode event) {
        try {
            return machine.rulesForJSONEvent(event.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the captured events of a type and severity; escalation policies' levels apart (EscalationPolicyTest) */
    private static List<JsonNode> emitted(String detailType, String severity) {
        return events.values().stream()
                .filter(e -> e.path("detail-type").asText().equals(detailType))
                .filter(e -> !e.path("detail").has("escalation"))
                .filter(e -> severity == null || e.path("detail").path("severity").asText().equals(severity))
                .collect(Collectors.toList());
    }

    @Test
    void shouldHaveEmittedEveryLifecycleEventTheRulesCareAbout() {
        assertThat(urgentRule).isNotNull();
        assertThat(emitted("Incident Opened", "critical")).isNotEmpty();
        assertThat(emitted("Incident Opened", "low")).isNotEmpty();
        assertThat(emitted("Incident Updated", null)).isNotEmpty();
        assertThat(emitted("Incident Escalated", "critical")).isNotEmpty();
        assertThat(emitted("Incident Resolved", null)).isNotEmpty();
        assertThat(events.values()).allSatisfy(event -> {
            assertThat(event.path("source").asText()).isEqualTo(IncidentEvents.SOURCE);
            assertThat(event.path("detail").path("incidentId").asText()).startsWith("inc_");
        });
    }

    @Test
    void shouldPageSomeone_whenAPlaybookFails_andRouteNoPlaybookResultToAPlaybook() {
        assertThat(playbookFailedNotifications).isNotNull();
        assertThat(emitted("Playbook Failed", null)).isNotEmpty()
                .allSatisfy(event -> assertThat(matches(event)).containsExactly(playbookFailedNotifications));
        assertThat(emitted("Playbook Succeeded", null)).isNotEmpty()
                .allSatisfy(event -> assertThat(matches(event)).isEmpty());
    }

    @Test
    void shouldRunThePlaybookAndPageSomeone_whenACriticalIncidentOpens() {
        assertThat(urgentNotifications).isNotNull();
        // Those of silenced incidents notify no one (see below).
        assertThat(emitted("Incident Opened", "critical").stream().filter(event -> !event.path("detail").has("silence")))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(matches(event)).containsExactlyInAnyOrder(urgentRule, urgentNotifications));
    }

    @Test
    void shouldOnlyNotifyTheRoutineTopic_whenALowSeverityIncidentOpens() {
        assertThat(routineNotifications).isNotNull();
        assertThat(emitted("Incident Opened", "low"))
                .allSatisfy(event -> assertThat(matches(event)).containsExactly(routineNotifications));
    }

    @Test
    void shouldPageLikeAnOpeningAtTheNewSeverity_butNotRunTheOpeningPlaybookAgain_whenAnIncidentEscalates() {
        assertThat(emitted("Incident Escalated", "critical")).isNotEmpty()
                .allSatisfy(event -> {
                    assertThat(event.path("detail").path("previousSeverity").asText()).isIn("medium", "high");
                    assertThat(matches(event)).containsExactly(urgentNotifications);
                });
        JsonNode toHigh = escalatedTo("high");
        JsonNode toMedium = escalatedTo("medium");
        assertThat(matches(toHigh)).containsExactly(urgentNotifications);
        assertThat(matches(toMedium)).containsExactly(routineNotifications);
    }

    /** @return the captured escalation, raised to {@code severity} instead */
    private static JsonNode escalatedTo(String severity) {
        JsonNode event = emitted("Incident Escalated", "critical").get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("detail")).put("severity", severity);
        return event;
    }

    @Test
    void shouldNotRunThePlaybookAgainNorNotifyEachDuplicate_whenAnOpenIncidentIsUpdated() {
        assertThat(emitted("Incident Updated", null)).allSatisfy(event -> assertThat(matches(event)).isEmpty());
    }

    @Test
    void shouldNotifyButNotRunThePlaybook_whenAnIncidentIsAcknowledgedOrResolved() {
        List<JsonNode> lifecycle = new java.util.ArrayList<>(emitted("Incident Resolved", null));
        lifecycle.addAll(emitted("Incident Acknowledged", null));
        // Those of silenced incidents notify no one (see below).
        lifecycle.removeIf(event -> event.path("detail").has("silence"));
        assertThat(lifecycle).isNotEmpty().allSatisfy(event -> assertThat(matches(event))
                .doesNotContain(urgentRule)
                .containsExactly(List.of("critical", "high").contains(event.path("detail").path("severity").asText())
                        ? urgentNotifications : routineNotifications));
    }

    @Test
    void shouldNotifyNoOne_whileASilenceLasts_andRunThePlaybookOnlyWhenTheSilenceLetsIt() {
        List<JsonNode> silenced = events.values().stream().filter(event -> event.path("detail").has("silence"))
                .collect(Collectors.toList());
        assertThat(silenced).extracting(event -> event.path("detail").path("silence").path("playbooks").asBoolean())
                .contains(true, false);
        assertThat(silenced).allSatisfy(event -> {
            boolean playbooks = event.path("detail").path("silence").path("playbooks").asBoolean();
            List<String> matched = matches(event);
            assertThat(matched).doesNotContain(urgentNotifications, routineNotifications, playbookFailedNotifications);
            boolean opening = event.path("detail-type").asText().equals("Incident Opened");
            boolean urgent = List.of("critical", "high").contains(event.path("detail").path("severity").asText());
            assertThat(matched).isEqualTo(playbooks && opening && urgent ? List.of(urgentRule) : List.of());
        });
    }

    @Test
    void shouldNotifyAndRunThePlaybookLikeAnOpening_whenASilenceEndsWhileTheIncidentIsOpen() {
        assertThat(emitted("Incident Unsilenced", null)).isNotEmpty().allSatisfy(event -> {
            assertThat(event.path("detail").has("silence")).isFalse();
            boolean urgent = List.of("critical", "high").contains(event.path("detail").path("severity").asText());
            assertThat(matches(event)).containsExactlyInAnyOrderElementsOf(urgent
                    ? List.of(urgentRule, urgentNotifications) : List.of(routineNotifications));
        });
    }
}
