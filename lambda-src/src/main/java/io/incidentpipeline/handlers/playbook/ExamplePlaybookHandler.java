package io.incidentpipeline.handlers.playbook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import java.time.Clock;
import java.util.Map;

/**
 * The playbook to copy: receives an incident event from the bus, claims the incident in its run
 * record, and does nothing else. Put the remediation where the comment says; everything around it
 * (idempotency, logs, configuration) is what a real playbook needs too.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}.
 */
public final class ExamplePlaybookHandler implements RequestHandler<Map<String, Object>, Void> {
    private final PlaybookRuns runs;
    private final Clock clock;

    /** For Lambda: configured from the environment, with the client built once at init. */
    public ExamplePlaybookHandler() {
        this(new Environment(System.getenv()));
    }

    private ExamplePlaybookHandler(Environment env) {
        this(new PlaybookRuns(AwsClients.dynamoDb(), env.required("TABLE_NAME"), env.required("PLAYBOOK_NAME")),
                Clock.systemUTC());
    }

    /**
     * @param runs  the playbook's run records
     * @param clock the time written into run records
     */
    public ExamplePlaybookHandler(PlaybookRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * @param event the EventBridge event: {@code id}, {@code detail-type}, and the incident as {@code detail}
     * @throws IllegalArgumentException when the event carries no incident id: retrying cannot help,
     *                                  so it ends in the function's dead-letter queue
     */
    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
        String eventId = String.valueOf(event.get("id"));
        String detailType = String.valueOf(event.get("detail-type"));
        Object detail = event.get("detail");
        Object incidentId = detail instanceof Map ? ((Map<?, ?>) detail).get("incidentId") : null;
        if (!(incidentId instanceof String)) {
            throw new IllegalArgumentException("Event " + eventId + " has no detail.incidentId; this playbook"
                    + " handles the incident bus's events (source incident-pipeline) only.");
        }
        if (!runs.claim((String) incidentId, eventId, detailType, clock.instant())) {
            JsonLog.info("playbook already ran for this incident; redelivery ignored", "playbook", runs.playbookName(),
                    "incidentId", incidentId, "eventId", eventId);
            return null;
        }
        // A real playbook remediates here, e.g. blocks a public bucket named in detail.labels.
        JsonLog.info("playbook ran", "playbook", runs.playbookName(), "incidentId", incidentId, "eventId", eventId,
                "detailType", detailType);
        return null;
    }
}
