package io.incidentpipeline.silences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.config.ConfigurationException;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.guardrails.GuardrailsAssertions;
import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Planned maintenance windows: read from the {@code silences} context key with errors that name the
 * window and the fix, and written by the deployment to the item the handlers read.
 */
class PlannedSilencesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> MIGRATION = Map.of("name", "db-migration",
            "matcher", Map.of("service", "orders-db", "severity", List.of("high", "critical"), "labels", Map.of("env", "prod")),
            "startsAt", "2026-12-05T22:00:00Z", "endsAt", "2026-12-06T02:00:00Z", "comment", "CHG-1234 database migration");

    private static final App app = new App();
    private static final Stack stack = new Stack(app, "Silences");
    private static final IncidentStore store = new IncidentStore(stack, "Store");

    static {
        new PlannedSilences(stack, "PlannedSilences", PlannedSilencesProps.builder().store(store)
                .silences(PipelineConfig.from(Map.of("silences", List.of(MIGRATION))).getPlannedSilences()).build());
        Guardrails.applyTo(app);
    }

    private static final Template template = Template.fromStack(stack);

    @Test
    void shouldWriteTheWindowsAsTheHandlersReadThem_onEveryDeployment_andDeleteThemWithTheConstruct() throws Exception {
        JsonNode resource = JSON.valueToTree(template.findResources("Custom::AWS")).elements().next();
        JsonNode create = JSON.readTree(render(resource.path("Properties").path("Create")));
        assertThat(create.path("action").asText()).isEqualTo("putItem");
        JsonNode item = create.path("parameters").path("Item");
        assertThat(item.path("pk").path("S").asText()).isEqualTo("SILENCES");
        assertThat(item.path("sk").path("S").asText()).isEqualTo("PLANNED");
        JsonNode window = item.path("planned:db-migration").path("M");
        assertThat(window.path("matcher").path("M").path("service").path("S").asText()).isEqualTo("orders-db");
        assertThat(window.path("matcher").path("M").path("severity").path("L").toString())
                .isEqualTo("[{\"S\":\"high\"},{\"S\":\"critical\"}]");
        assertThat(window.path("matcher").path("M").path("labels").path("M").path("env").path("S").asText()).isEqualTo("prod");
        assertThat(window.path("endsAt").path("S").asText()).isEqualTo("2026-12-06T02:00:00Z");
        assertThat(window.path("createdBy").path("S").asText()).isEqualTo("cdk.json");
        assertThat(window.path("runPlaybooks").path("BOOL").asBoolean(true)).isFalse();
        assertThat(resource.path("Properties").path("Delete").toString()).contains("deleteItem");
        GuardrailsAssertions.assertCompliant(app);
    }

    @Test
    void shouldReadWindowsGivenAsJsonTextWithDashC() {
        List<PlannedSilence> silences = PipelineConfig.from(Map.of("silences", "[{\"name\":\"all-quiet\","
                + "\"matcher\":{\"matchAll\":true},\"startsAt\":\"2026-12-05T22:00:00Z\","
                + "\"endsAt\":\"2026-12-05T23:00:00Z\",\"comment\":\"game day\",\"runPlaybooks\":true}]"))
                .getPlannedSilences();
        assertThat(silences).singleElement().satisfies(silence -> {
            assertThat(silence.getSilenceId()).isEqualTo("planned:all-quiet");
            assertThat(silence.isMatchAll()).isTrue();
            assertThat(silence.isRunPlaybooks()).isTrue();
        });
        assertThat(PipelineConfig.from(Map.of()).getPlannedSilences()).isEmpty();
    }

    @Test
    void shouldFailNamingTheWindowTheFieldAndTheFix_whenAWindowIsInvalid() {
        assertInvalid(with("endsAt", "2026-12-05T21:00:00Z"), "silences[0] (db-migration)", "endsAt", "not after startsAt");
        assertInvalid(with("endsAt", "2026-12-25T00:00:00Z"), "silences[0] (db-migration)", "at most 14 days");
        assertInvalid(with("matcher", Map.of()), "silences[0] (db-migration)", "would silence every alert",
                "\"matchAll\": true");
        assertInvalid(with("matcher", Map.of("severity", "urgent")), "matcher.severity 'urgent'");
        assertInvalid(with("comment", ""), "comment is required");
        assertInvalid(with("startsAt", "tonight"), "startsAt is 'tonight'");
        assertInvalid(with("name", "db migration"), "name 'db migration'");
        assertInvalid(with("when", "now"), "unknown field 'when'");
        assertThatThrownBy(() -> PipelineConfig.from(Map.of("silences", List.of(MIGRATION, MIGRATION))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("silences[1]")
                .hasMessageContaining("repeats the name 'db-migration'");
        assertThatThrownBy(() -> PipelineConfig.from(Map.of("silences", "{not json")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("silences").hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> PipelineConfig.from(Map.of("silences", Map.of("name", "x"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be a JSON array");
    }

    @Test
    void shouldBeWrittenOnlyByThePipelineThatCreatesTheTable_namingTheConflict() {
        List<PlannedSilence> windows = PipelineConfig.from(Map.of("silences", List.of(MIGRATION))).getPlannedSilences();
        assertThat(IncidentPipelineProps.builder().plannedSilences(windows).build().getPlannedSilences())
                .isEqualTo(windows);
        assertThat(IncidentPipelineProps.builder().build().getPlannedSilences()).isEmpty();
        assertThatThrownBy(() -> IncidentPipelineProps.builder().store(store).plannedSilences(windows).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IncidentPipelineProps.store and plannedSilences exclude each other")
                .hasMessageContaining("PlannedSilences in the stack that owns that table");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().plannedSilences(List.of(windows.get(0), windows.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plannedSilences");
        assertThatThrownBy(() -> PlannedSilencesProps.builder().store(store).silences(windows).silences(
                PipelineConfig.from(Map.of("silences", List.of(MIGRATION))).getPlannedSilences()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two windows are named 'db-migration'");
        assertThatThrownBy(() -> PlannedSilencesProps.builder().silences(windows).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PlannedSilencesProps.store is required");
    }

    /** A property as text: an {@code Fn::Join}'s parts joined, a reference as {@code TABLE}. */
    private static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Fn::Join")) {
            StringBuilder text = new StringBuilder();
            value.path("Fn::Join").get(1).forEach(part -> text.append(render(part)));
            return text.toString();
        }
        return "TABLE";
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> window = new java.util.LinkedHashMap<>(MIGRATION);
        window.put(field, value);
        return window;
    }

    private static void assertInvalid(Map<String, Object> window, String... expected) {
        var thrown = assertThatThrownBy(() -> PipelineConfig.from(Map.of("silences", List.of(window))))
                .isInstanceOf(ConfigurationException.class);
        for (String text : expected) {
            thrown.hasMessageContaining(text);
        }
    }
}
