package io.incidentpipeline.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awscdk.services.eventschemas.CfnRegistry;
import software.amazon.awscdk.services.eventschemas.CfnSchema;
import software.constructs.Construct;

/**
 * The JSON Schemas of the bus's events, published in an EventBridge schema registry so consumers
 * can generate bindings (console, or {@code aws schemas get-code-binding-source}):
 * {@value #EVENT_SCHEMA_NAME} (the lifecycle events, whose detail is the incident document) and
 * {@value #PLAYBOOK_SCHEMA_NAME} (playbook results). They are the schemas the tests validate every
 * emitted event against, and ship inside this library. Custom registries and schemas cost nothing.
 */
public final class IncidentSchemas extends Construct {
    /** Where the build puts the schema: copied from lambda-src/src/main/resources/schemas. */
    static final String EVENT_SCHEMA_RESOURCE = "/io/incidentpipeline/schemas/incident-event.json";
    /** The lifecycle events' schema's name in the registry. */
    public static final String EVENT_SCHEMA_NAME = "incident-pipeline@IncidentEvent";
    /** Where the build puts the playbook result events' schema. */
    static final String PLAYBOOK_SCHEMA_RESOURCE = "/io/incidentpipeline/schemas/playbook-event.json";
    /** The playbook result events' schema's name in the registry. */
    public static final String PLAYBOOK_SCHEMA_NAME = "incident-pipeline@PlaybookEvent";

    private final CfnRegistry registry;
    private final CfnSchema eventSchema;
    private final CfnSchema playbookSchema;

    /**
     * Creates the schema registry with the incident event's schema.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     */
    public IncidentSchemas(Construct scope, String id) {
        super(scope, id);
        registry = CfnRegistry.Builder.create(this, "Registry")
                .description("Incident Pipeline event schemas")
                .build();
        eventSchema = CfnSchema.Builder.create(this, "IncidentEvent")
                .registryName(registry.getAttrRegistryName())
                .schemaName(EVENT_SCHEMA_NAME)
                .type("JSONSchemaDraft4")
                .description("Incident Opened | Updated | Escalated | Acknowledged | Resolved | Unsilenced, source incident-pipeline")
                .content(eventSchema())
                .build();
        playbookSchema = CfnSchema.Builder.create(this, "PlaybookEvent")
                .registryName(registry.getAttrRegistryName())
                .schemaName(PLAYBOOK_SCHEMA_NAME)
                .type("JSONSchemaDraft4")
                .description("Playbook Succeeded | Failed, source incident-pipeline")
                .content(playbookSchema())
                .build();
    }

    /** @return the incident lifecycle event schema's JSON text */
    public static String eventSchema() {
        return resource(EVENT_SCHEMA_RESOURCE);
    }

    /** @return the playbook result event schema's JSON text */
    public static String playbookSchema() {
        return resource(PLAYBOOK_SCHEMA_RESOURCE);
    }

    private static String resource(String name) {
        try (InputStream in = IncidentSchemas.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The event schema " + name + " is not on the classpath. Build with"
                        + " `mvn package` in the repository root.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name, e);
        }
    }

    /** @return the registry */
    public CfnRegistry getRegistry() {
        return registry;
    }

    /** @return the incident lifecycle event schema */
    public CfnSchema getEventSchema() {
        return eventSchema;
    }

    /** @return the playbook result event schema */
    public CfnSchema getPlaybookSchema() {
        return playbookSchema;
    }
}
