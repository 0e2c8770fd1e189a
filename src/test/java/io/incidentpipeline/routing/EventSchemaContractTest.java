package io.incidentpipeline.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.incidentpipeline.SynthesizedApp;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * Every event the handlers emit (captured by their tests in lambda-src/target/contract-events)
 * conforms to the published incident event schema, and the template publishes exactly that schema.
 */
class EventSchemaContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("lambda-src", "target", "contract-events");
    private static JsonSchema schema;
    private static JsonSchema playbookSchema;

    @BeforeAll
    static void loadSchema() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        schema = factory.getSchema(JSON.readTree(IncidentSchemas.eventSchema()));
        playbookSchema = factory.getSchema(JSON.readTree(IncidentSchemas.playbookSchema()));
    }

    private static List<Path> emittedEvents() throws Exception {
        assertThat(EVENTS).as("%s holds the events the handler tests emit; build lambda-src first", EVENTS).isDirectory();
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.sorted().toList();
        }
    }

    @Test
    void shouldMatchEveryEmittedEvent() throws Exception {
        List<Path> events = emittedEvents();
        assertThat(events).isNotEmpty();
        assertThat(events).as("lifecycle and playbook events").anyMatch(e -> e.getFileName().toString().startsWith("playbook-"))
                .anyMatch(e -> e.getFileName().toString().startsWith("incident-"));
        for (Path event : events) {
            JsonNode json = JSON.readTree(event.toFile());
            JsonSchema contract = json.path("detail-type").asText().startsWith("Playbook ") ? playbookSchema : schema;
            assertThat(contract.validate(json)).as(event.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void shouldRejectAnEventThatBreaksTheContract() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(emittedEvents().stream()
                .filter(e -> e.getFileName().toString().startsWith("incident-opened")).findFirst().orElseThrow().toFile());
        ((ObjectNode) event.get("detail")).put("severity", "catastrophic").remove("fingerprint");

        assertThat(schema.validate(event)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("severity"))
                .anySatisfy(message -> assertThat(message).contains("fingerprint"));
    }

    @Test
    void shouldRejectALifecycleEventWhoseDetailContradictsItsType_andAPlaybookResultWithoutItsOutcome() throws Exception {
        ObjectNode acknowledged = (ObjectNode) JSON.readTree(emittedEvents().stream()
                .filter(e -> e.getFileName().toString().startsWith("incident-acknowledged")).findFirst().orElseThrow().toFile());
        ((ObjectNode) acknowledged.get("detail")).put("status", "RESOLVED").remove("acknowledgedBy");
        ObjectNode result = (ObjectNode) JSON.readTree(emittedEvents().stream()
                .filter(e -> e.getFileName().toString().startsWith("playbook-succeeded")).findFirst().orElseThrow().toFile());
        ((ObjectNode) result.get("detail")).put("outcome", "FAILED");

        ObjectNode escalated = (ObjectNode) JSON.readTree(emittedEvents().stream()
                .filter(e -> e.getFileName().toString().startsWith("incident-escalated"))
                .filter(e -> !read(e).path("detail").has("escalation"))
                .findFirst().orElseThrow().toFile());
        ((ObjectNode) escalated.get("detail")).remove("previousSeverity");
        // A policy's level carries escalation instead; it is OPEN, never ACKNOWLEDGED.
        ObjectNode level = (ObjectNode) emittedEvents().stream().map(EventSchemaContractTest::read)
                .filter(e -> e.path("detail").has("escalation")).findFirst().orElseThrow();
        assertThat(schema.validate(level)).isEmpty();
        ((ObjectNode) level.get("detail")).put("status", "ACKNOWLEDGED");

        assertThat(schema.validate(acknowledged)).isNotEmpty();
        assertThat(schema.validate(escalated)).isNotEmpty();
        assertThat(schema.validate(level)).isNotEmpty();
        assertThat(playbookSchema.validate(result)).isNotEmpty();
    }

    @Test
    void shouldPublishTheSchemaInTheRegistry() throws Exception {
        JsonNode published = JSON.readTree(IncidentSchemas.eventSchema());
        SynthesizedApp.synthesize(Map.of()).template().hasResourceProperties("AWS::EventSchemas::Schema", Map.of(
                "RegistryName", Match.anyValue(),
                "SchemaName", IncidentSchemas.EVENT_SCHEMA_NAME,
                "Type", "JSONSchemaDraft4",
                "Description", Match.anyValue(),
                "Content", Match.serializedJson(JSON.convertValue(published, Map.class))));
        SynthesizedApp.synthesize(Map.of()).template().hasResourceProperties("AWS::EventSchemas::Schema", Map.of(
                "RegistryName", Match.anyValue(),
                "SchemaName", IncidentSchemas.PLAYBOOK_SCHEMA_NAME,
                "Type", "JSONSchemaDraft4",
                "Description", Match.anyValue(),
                "Content", Match.serializedJson(JSON.convertValue(JSON.readTree(IncidentSchemas.playbookSchema()), Map.class))));
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
