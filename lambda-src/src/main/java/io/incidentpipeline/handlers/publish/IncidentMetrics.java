package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.store.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The team's response metrics, from the change that the publisher (or a sweeper taking it over)
 * announces: every opening counts {@value #OPENED}, every acknowledgement records
 * {@value #TIME_TO_ACKNOWLEDGE} and every resolution {@value #TIME_TO_RESOLVE} (seconds since the
 * incident opened), in namespace {@value #NAMESPACE} by embedded metric format: a log line, no API
 * call. The publisher sees every transition whichever function made it (operator API, recovery
 * alerts of every source), once per change across regions (its claim); a retried batch may record
 * a change twice, as it may put its event twice.
 *
 * <p>Dimensions: {@value #PIPELINE} (the table's name: one per stage) with {@value #SERVICE} and
 * {@value #SEVERITY} for the response times ({@value #SERVICE} alone for openings), and with
 * {@value #SEVERITY} alone (the dashboard's per-severity lines need no list of services). Each
 * combination that reports in an hour is a custom metric billed for that hour.
 */
final class IncidentMetrics {
    /** The metrics' namespace. */
    static final String NAMESPACE = "IncidentPipeline/Incidents";
    /** Incidents opened (count). */
    static final String OPENED = "IncidentsOpened";
    /** Seconds from opening to acknowledgement. */
    static final String TIME_TO_ACKNOWLEDGE = "TimeToAcknowledge";
    /** Seconds from opening to resolution. */
    static final String TIME_TO_RESOLVE = "TimeToResolve";
    /** The dimension naming the pipeline (its table). */
    static final String PIPELINE = "Pipeline";
    /** The dimension naming the incident's service. */
    static final String SERVICE = "Service";
    /** The dimension naming the incident's severity. */
    static final String SEVERITY = "Severity";
    private static final List<List<String>> TIME_DIMENSIONS = List.of(List.of(PIPELINE, SERVICE, SEVERITY),
            List.of(PIPELINE, SEVERITY));
    private static final List<List<String>> COUNT_DIMENSIONS = List.of(List.of(PIPELINE, SERVICE),
            List.of(PIPELINE, SEVERITY));

    private final String pipeline;

    /** @param pipeline the {@value #PIPELINE} dimension's value: the incident table's name */
    IncidentMetrics(String pipeline) {
        this.pipeline = pipeline;
    }

    /** Records the metric of an announced change, if it has one. */
    void record(IncidentEvent event) {
        Incident incident = event.incident();
        switch (event.detailType()) {
            case OPENED -> emit(incident, COUNT_DIMENSIONS, new JsonLog.Metric(OPENED, 1, "Count"));
            case ACKNOWLEDGED -> since(incident, TIME_TO_ACKNOWLEDGE, incident.acknowledgedAt());
            case RESOLVED -> since(incident, TIME_TO_RESOLVE, incident.resolvedAt());
            default -> {
            }
        }
    }

    private void since(Incident incident, String name, Instant at) {
        if (at != null) {
            // A recovery the source dates before the opening alert's own time cannot make a negative duration.
            double seconds = Math.max(0, Duration.between(incident.openedAt(), at).toMillis() / 1000.0);
            emit(incident, TIME_DIMENSIONS, new JsonLog.Metric(name, seconds, "Seconds"));
        }
    }

    private void emit(Incident incident, List<List<String>> dimensions, JsonLog.Metric metric) {
        JsonLog.infoWithMetrics("incident metric", NAMESPACE, dimensions, List.of(metric),
                PIPELINE, pipeline, SERVICE, incident.service(), SEVERITY, incident.severity().value(),
                "incidentId", incident.incidentId());
    }
}
