package io.incidentpipeline.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awscdk.services.eventschemas.CfnRegistry;
import software.amazon.awscdk.services.eventschemas.CfnSchema;
import software.constructs.Construct;

/**
 * The incident events' JSON Schema, published in an EventBridge schema registry so consumers can
 * generate bindings (console, or {@code aws schemas get-code-binding-source}). The schema is the
 * one the handlers' tests validate every emitted event against; it ships inside this library.
 * Custom registries and schemas cost nothing.
 */
public final class IncidentSchemas extends Construct {
    /** Where the build puts the schema: copied from lambda-src/src/main/resources/schemas. */
    static final String EVENT_SCHEMA_RESOURCE = "/io/incidentpipeline/schemas/incident-event.json";
    /** The schema's name in the registry. */
    public static final String EVENT_SCHEMA_NAME = "incident-pipeline@IncidentEvent";

    private final CfnRegistry registry;
    private final CfnSchema eventSchema;

    public IncidentSchemas(Construct scope, String id) {
        super(scope, id);
        registry = CfnRegistry.Builder.create(this, "Registry")
                .description("Incident Pipeline event schemas")
                .build();
        eventSchema = CfnSchema.Builder.create(this, "IncidentEvent")
                .registryName(registry.getAttrRegistryName())
                .schemaName(EVENT_SCHEMA_NAME)
                .type("JSONSchemaDraft4")
                .description("Incident Opened | Updated | Acknowledged | Resolved, source incident-pipeline")
                .content(eventSchema())
                .build();
    }

    /** @return the incident event schema's JSON text */
    public static String eventSchema() {
        try (InputStream in = IncidentSchemas.class.getResourceAsStream(EVENT_SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The incident event schema " + EVENT_SCHEMA_RESOURCE + " is not on the"
                        + " classpath. Build with `mvn package` in the repository root.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + EVENT_SCHEMA_RESOURCE, e);
        }
    }

    /** @return the registry */
    public CfnRegistry getRegistry() {
        return registry;
    }

    /** @return the incident event schema */
    public CfnSchema getEventSchema() {
        return eventSchema;
    }
}
