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

    @BeforeAll
    static void loadSchema() throws Exception {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(JSON.readTree(IncidentSchemas.eventSchema()));
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
        for (Path event : events) {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(event.toFile()));
            assertThat(errors).as(event.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void shouldRejectAnEventThatBreaksTheContract() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(emittedEvents().get(0).toFile());
        ((ObjectNode) event.get("detail")).put("severity", "catastrophic").remove("fingerprint");

        assertThat(schema.validate(event)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("severity"))
                .anySatisfy(message -> assertThat(message).contains("fingerprint"));
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
    }
}
