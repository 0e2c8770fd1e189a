package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The incident document: the JSON shape of an incident wherever it leaves the table, as the
 * {@code detail} of its events and in the operator API's answers (JSON Schema
 * {@code schemas/incident.json}).
 */
public final class IncidentDocument {
    private IncidentDocument() {
    }

    /**
     * @return the document: {@code region} is the region that made the latest write; optional
     *         attributes ({@code description}, {@code labels}, {@code provenance}, {@code previousIncidentId}, who
     *         acknowledged or resolved it and when, {@code previousSeverity} and {@code reportedSeverity}, and
     *         {@code silence} while the silence it opened under has not ended)
     *         appear only when the incident has them
     */
    public static Map<String, Object> of(Incident incident) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("incidentId", incident.incidentId());
        document.put("fingerprint", incident.fingerprint());
        document.put("source", incident.source());
        document.put("severity", incident.severity().value());
        document.put("title", incident.title());
        putIfPresent(document, "description", incident.description());
        document.put("service", incident.service());
        document.put("category", incident.category());
        document.put("status", incident.status().name());
        document.put("occurrences", incident.occurrences());
        document.put("openedAt", Timestamps.format(incident.openedAt()));
        document.put("lastSeenAt", Timestamps.format(incident.lastSeenAt()));
        document.put("updatedAt", Timestamps.format(incident.updatedAt()));
        if (!incident.labels().isEmpty()) {
            document.put("labels", incident.labels());
        }
        if (incident.provenance() != null) {
            document.put("provenance", incident.provenance().toDocument());
        }
        putIfPresent(document, "previousIncidentId", incident.previousIncidentId());
        if (incident.acknowledgedAt() != null) {
            document.put("acknowledgedAt", Timestamps.format(incident.acknowledgedAt()));
        }
        putIfPresent(document, "acknowledgedBy", incident.acknowledgedBy());
        if (incident.resolvedAt() != null) {
            document.put("resolvedAt", Timestamps.format(incident.resolvedAt()));
        }
        putIfPresent(document, "resolvedBy", incident.resolvedBy());
        if (incident.previousSeverity() != null) {
            document.put("previousSeverity", incident.previousSeverity().value());
        }
        if (incident.reportedSeverity() != null) {
            document.put("reportedSeverity", incident.reportedSeverity().value());
        }
        if (incident.silence() != null) {
            document.put("silence", incident.silence().toDocument());
        }
        document.put("region", incident.writtenRegion());
        return document;
    }

    private static void putIfPresent(Map<String, Object> document, String name, String value) {
        if (value != null) {
            document.put(name, value);
        }
    }
}
