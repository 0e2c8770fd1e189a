package io.incidentpipeline.handlers.playbook;

import java.util.Map;

/**
 * What an incident event tells a playbook: which incident, by id and fingerprint, and the event's
 * own id and {@code detail-type}. Nothing else of the event is trusted: the playbook reads the
 * incident itself from the table ({@link PlaybookIncidents}).
 *
 * @param incidentId  the incident
 * @param fingerprint its fingerprint: the key of its item while it is its fingerprint's current incident
 * @param eventId     the event's {@code id}, kept for tracing
 * @param detailType  the event's {@code detail-type}
 */
public record IncidentReference(String incidentId, String fingerprint, String eventId, String detailType) {
    /**
     * Reads an EventBridge event of the incident bus.
     *
     * @param event the event as Lambda hands it to the handler
     * @return the incident it names
     * @throws IllegalArgumentException when the event carries no {@code detail.incidentId} or
     *                                  {@code detail.fingerprint}
     */
    public static IncidentReference fromEvent(Map<String, Object> event) {
        Map<?, ?> detail = event.get("detail") instanceof Map<?, ?> map ? map : Map.of();
        if (!(detail.get("incidentId") instanceof String incidentId) || !incidentId.matches("inc_[0-9A-Z]{26}")
                || !(detail.get("fingerprint") instanceof String fingerprint) || !fingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Event " + event.get("id") + " names no incident (detail.incidentId"
                    + " inc_<ULID> and detail.fingerprint, 64 hex digits); a playbook handles the incident bus's"
                    + " events (source incident-pipeline) only.");
        }
        return new IncidentReference(incidentId, fingerprint, String.valueOf(event.get("id")),
                event.get("detail-type") instanceof String type ? type : "unknown");
    }
}
