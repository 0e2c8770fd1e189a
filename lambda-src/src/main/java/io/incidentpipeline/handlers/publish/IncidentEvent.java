package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentDocument;
import java.util.Map;

/**
 * One event for the incident bus: a lifecycle {@code detail-type} and the incident.
 *
 * @param detailType what happened
 * @param incident   the incident after it happened
 * @param before     the same item before it happened, or {@code null} when the change created it
 */
public record IncidentEvent(DetailType detailType, Incident incident, Incident before) {
    /** The {@code source} of every incident event. */
    public static final String SOURCE = "incident-pipeline";

    /** @return the same event about {@code counted}: the incident with its tallies added */
    public IncidentEvent withIncident(Incident counted) {
        return new IncidentEvent(detailType, counted, before);
    }

    /** @return the event's {@code detail}: the incident document ({@link IncidentDocument}) */
    public Map<String, Object> detail() {
        return IncidentDocument.of(incident);
    }
}
