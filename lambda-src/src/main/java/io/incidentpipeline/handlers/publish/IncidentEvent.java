package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Incident;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event for the incident bus: a lifecycle {@code detail-type} and the incident.
 *
 * @param detailType what happened
 * @param incident   the incident after it happened
 */
public record IncidentEvent(DetailType detailType, Incident incident) {
    /** The {@code source} of every incident event. */
    public static final String SOURCE = "incident-pipeline";

    /**
     * @return the event's {@code detail}: the incident document of docs/CONTRACTS.md, with
     *         {@code region} the region that made the write, and {@code description},
     *         {@code labels}, {@code previousIncidentId} only when present
     */
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("incidentId", incident.incidentId());
        detail.put("fingerprint", incident.fingerprint());
        detail.put("source", incident.source());
        detail.put("severity", incident.severity().value());
        detail.put("title", incident.title());
        if (incident.description() != null) {
            detail.put("description", incident.description());
        }
        detail.put("service", incident.service());
        detail.put("category", incident.category());
        detail.put("status", incident.status().name());
        detail.put("occurrences", incident.occurrences());
        detail.put("openedAt", Timestamps.format(incident.openedAt()));
        detail.put("lastSeenAt", Timestamps.format(incident.lastSeenAt()));
        detail.put("updatedAt", Timestamps.format(incident.updatedAt()));
        if (!incident.labels().isEmpty()) {
            detail.put("labels", incident.labels());
        }
        if (incident.previousIncidentId() != null) {
            detail.put("previousIncidentId", incident.previousIncidentId());
        }
        detail.put("region", incident.writtenRegion());
        return detail;
    }
}
