package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.http.HttpError;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A PagerDuty v3 webhook event ({@code {"event": {"event_type", "data": {incident}}}}) about a
 * PagerDuty incident. Triggered, reopened, escalated and priority changes are occurrences;
 * {@code incident.resolved} resolves; other event types (acknowledged, annotated, delegated, …)
 * change nothing here.
 *
 * <table>
 *   <caption>Severity</caption>
 *   <tr><th>priority</th><th>severity</th></tr>
 *   <tr><td>P1 … P5</td><td>critical, high, medium, low, info</td></tr>
 *   <tr><td>none</td><td>urgency high: high; low: low</td></tr>
 * </table>
 * One incident per PagerDuty incident ({@code data.id}); the service is the PagerDuty service's name.
 * The alert happened at {@code event.occurred_at}; the delivery id is {@code event.id}, the same in
 * every retry of a delivery.
 */
public final class PagerDutyAlertNormalizer implements AlertNormalizer {
    private static final Set<String> OCCURRENCES = Set.of("incident.triggered", "incident.reopened",
            "incident.escalated", "incident.priority_updated");

    @Override
    public Alert normalize(String source, Map<String, Object> body, Instant receivedAt) {
        Map<?, ?> event = object(body, "event");
        Map<?, ?> data = object(event, "data");
        String id = text(data, "id").orElseThrow(() -> missing("event.data.id"));
        String title = text(data, "title").orElseThrow(() -> missing("event.data.title"));
        Severity severity = text(nullable(data, "priority"), "summary").flatMap(Severity::fromPriority)
                .orElseGet(() -> "low".equals(text(data, "urgency").orElse("high")) ? Severity.LOW : Severity.HIGH);
        String service = text(nullable(data, "service"), "summary").map(Names::of).orElse("unknown");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("eventType", eventType(body));
        text(data, "number").ifPresent(number -> labels.put("number", number));
        return new Alert(source, severity, Names.truncate(title, GenericAlertNormalizer.MAX_TITLE),
                text(data, "html_url").orElse(null), service, "pagerduty", "pagerduty:" + id, labels,
                occurredAt(event).orElse(receivedAt));
    }

    @Override
    public Optional<String> deliveryId(Map<String, Object> body, Map<String, String> headers) {
        return text(object(body, "event"), "id");
    }

    private static Optional<Instant> occurredAt(Map<?, ?> event) {
        Optional<String> text = text(event, "occurred_at");
        return text.map(value -> Timestamps.parseSourceTime(value).orElseThrow(() -> new HttpError(400,
                "invalid_field", "'event.occurred_at' is '" + Names.truncate(value, 64) + "', not an ISO-8601 time;"
                        + " send PagerDuty v3 webhook events unchanged.")));
    }

    @Override
    public boolean isRecovery(Map<String, Object> body) {
        return "incident.resolved".equals(eventType(body));
    }

    @Override
    public boolean isInformational(Map<String, Object> body) {
        return !isRecovery(body) && !OCCURRENCES.contains(eventType(body));
    }

    private static String eventType(Map<String, Object> body) {
        return text(object(body, "event"), "event_type").orElseThrow(() -> missing("event.event_type"));
    }

    private static Map<?, ?> object(Map<?, ?> parent, String field) {
        Object value = parent.get(field);
        if (!(value instanceof Map)) {
            throw new HttpError(400, "missing_field", "The body has no object '" + field + "'; send PagerDuty v3"
                    + " webhook events (a v3 webhook subscription), not v2.");
        }
        return (Map<?, ?>) value;
    }

    private static Map<?, ?> nullable(Map<?, ?> parent, String field) {
        return parent.get(field) instanceof Map ? (Map<?, ?>) parent.get(field) : Map.of();
    }

    private static Optional<String> text(Map<?, ?> parent, String field) {
        Object value = parent.get(field);
        if (value instanceof Number) {
            return Optional.of(value.toString());
        }
        return value instanceof String && !((String) value).isBlank() ? Optional.of(((String) value).strip())
                : Optional.empty();
    }

    private static HttpError missing(String field) {
        return new HttpError(400, "missing_field", "The PagerDuty event has no '" + field + "'; send PagerDuty v3"
                + " webhook events about incidents.");
    }
}
