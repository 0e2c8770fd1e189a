package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.common.MalformedJsonException;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * The JSON notification Cost Anomaly Detection publishes to SNS (fields {@code anomalyId},
 * {@code monitorName}, {@code impact.totalImpact}, {@code rootCauses[].service},
 * {@code anomalyDetailsLink}, …) as an alert of source {@code aws-cost-anomaly}, one incident per
 * anomaly.
 *
 * <table>
 *   <caption>Severity by total impact</caption>
 *   <tr><th>total impact (USD)</th><th>severity</th></tr>
 *   <tr><td>100 or more</td><td>high</td></tr>
 *   <tr><td>10 to 100</td><td>medium</td></tr>
 *   <tr><td>under 10</td><td>low</td></tr>
 * </table>
 */
public final class CostAnomalyNormalizer {
    /** The source id of cost anomaly alerts. */
    public static final String SOURCE = "aws-cost-anomaly";


    /** @return whether {@code message} looks like a cost anomaly notification */
    public boolean recognises(String message) {
        return message.startsWith("{") && message.contains("\"anomalyId\"");
    }

    /**
     * @throws RejectedNotificationException when the JSON is malformed or lacks the anomaly's id or impact
     */
    public Alert normalize(String message) {
        Map<?, ?> anomaly;
        try {
            Object parsed = Json.read(message);
            if (!(parsed instanceof Map)) {
                throw new RejectedNotificationException("malformed_cost_anomaly", "The cost anomaly notification is not a"
                        + " JSON object.");
            }
            anomaly = (Map<?, ?>) parsed;
        } catch (MalformedJsonException e) {
            throw new RejectedNotificationException("malformed_cost_anomaly", "The cost anomaly notification is not"
                    + " valid JSON: " + e.getMessage());
        }
        String anomalyId = text(anomaly.get("anomalyId"), "anomalyId");
        Object impact = anomaly.get("impact");
        if (!(impact instanceof Map) || !(((Map<?, ?>) impact).get("totalImpact") instanceof Number)) {
            throw new RejectedNotificationException("malformed_cost_anomaly", "The cost anomaly notification has no"
                    + " numeric impact.totalImpact.");
        }
        double totalImpact = ((Number) ((Map<?, ?>) impact).get("totalImpact")).doubleValue();
        Severity severity = totalImpact >= 100 ? Severity.HIGH : totalImpact >= 10 ? Severity.MEDIUM : Severity.LOW;
        String monitor = anomaly.get("monitorName") instanceof String ? (String) anomaly.get("monitorName") : "cost";
        String service = rootCauseService(anomaly.get("rootCauses")).orElse(monitor);
        String link = anomaly.get("anomalyDetailsLink") instanceof String ? " " + anomaly.get("anomalyDetailsLink") : "";
        String title = String.format(Locale.ROOT, "Cost anomaly in %s: $%.2f above expected", service,
                totalImpact);
        return new Alert(SOURCE, severity, Names.truncate(title, 256),
                Names.truncate("Monitor " + monitor + " found an anomaly of $"
                        + String.format(Locale.ROOT, "%.2f", totalImpact) + "." + link, 4096),
                Names.of(service), "cost",
                anomalyId, Map.of("monitor", Names.truncate(monitor, 256)));
    }

    private static Optional<String> rootCauseService(Object rootCauses) {
        if (rootCauses instanceof List && !((List<?>) rootCauses).isEmpty()
                && ((List<?>) rootCauses).get(0) instanceof Map) {
            Object service = ((Map<?, ?>) ((List<?>) rootCauses).get(0)).get("service");
            if (service instanceof String && !((String) service).isBlank()) {
                return Optional.of((String) service);
            }
        }
        return Optional.empty();
    }

    private static String text(Object value, String field) {
        if (!(value instanceof String) || ((String) value).isBlank() || ((String) value).length() > 256) {
            throw new RejectedNotificationException("malformed_cost_anomaly", "The cost anomaly notification has no"
                    + " " + field + " (a string of 1-256 characters).");
        }
        return (String) value;
    }
}
