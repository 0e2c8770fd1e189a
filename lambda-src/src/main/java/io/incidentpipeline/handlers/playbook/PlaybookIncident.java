package io.incidentpipeline.handlers.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The incident a playbook acts on, read from the {@code detail} of an incident event (docs/CONTRACTS.md,
 * "Events on the incident bus").
 *
 * @param incidentId the incident
 * @param detailType the event's {@code detail-type}, e.g. {@code Incident Opened}
 * @param source     the alert source, e.g. {@code aws-securityhub}
 * @param severity   {@code critical|high|medium|low|info}
 * @param service    the affected service
 * @param category   the kind of problem
 * @param title      the one-line summary
 * @param labels     the incident's labels (where sources name the affected resource), possibly empty
 */
public record PlaybookIncident(String incidentId, String detailType, String source, String severity, String service,
        String category, String title, Map<String, String> labels) {

    public PlaybookIncident {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * Reads an EventBridge event of the incident bus.
     *
     * @throws IllegalArgumentException when the event carries no {@code detail.incidentId}
     */
    public static PlaybookIncident fromEvent(Map<String, Object> event) {
        Object detail = event.get("detail");
        Map<?, ?> fields = detail instanceof Map<?, ?> map ? map : Map.of();
        if (!(fields.get("incidentId") instanceof String incidentId) || incidentId.isBlank()) {
            throw new IllegalArgumentException("Event " + event.get("id") + " has no detail.incidentId; a playbook"
                    + " handles the incident bus's events (source incident-pipeline) only.");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (fields.get("labels") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> {
                if (key instanceof String name && value instanceof String text) {
                    labels.put(name, text);
                }
            });
        }
        return new PlaybookIncident(incidentId, text(event.get("detail-type")), text(fields.get("source")),
                text(fields.get("severity")), text(fields.get("service")), text(fields.get("category")),
                text(fields.get("title")), labels);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
