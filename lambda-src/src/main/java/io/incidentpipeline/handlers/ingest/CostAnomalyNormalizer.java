package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.common.MalformedJsonException;
import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON notification Cost Anomaly Detection publishes to SNS (an immediate anomaly
 * subscription), as an alert of source {@code aws-cost-anomaly}, one incident per anomaly
 * ({@code anomalyId}): a later notification of the same anomaly counts as an occurrence.
 *
 * <p>Read: {@code anomalyId} (required), {@code impact.totalImpact} (required, a number: the
 * dollars spent above the expected spend), {@code impact.totalActualSpend} and
 * {@code totalExpectedSpend}, {@code monitorName}, {@code accountId}, {@code anomalyStartDate},
 * {@code anomalyEndDate}, {@code rootCauses[0].{service, region, usageType}},
 * {@code anomalyDetailsLink}. Other fields ({@code anomalyScore}, {@code monitorArn},
 * {@code dimensionalValue}, …) are ignored.
 *
 * <table>
 *   <caption>Severity by total impact</caption>
 *   <tr><th>{@code impact.totalImpact} (USD)</th><th>severity</th></tr>
 *   <tr><td>100 or more</td><td>high</td></tr>
 *   <tr><td>10 to under 100</td><td>medium</td></tr>
 *   <tr><td>under 10</td><td>low</td></tr>
 * </table>
 * The service is the first root cause's service, else the monitor's name, else {@code unknown}.
 */
public final class CostAnomalyNormalizer {
    /** The source id of cost anomaly alerts. */
    public static final String SOURCE = "aws-cost-anomaly";

    /** @return whether {@code message} is a cost anomaly notification: a JSON object naming an {@code anomalyId} */
    public boolean recognises(String message) {
        return message.startsWith("{") && message.contains("\"anomalyId\"");
    }

    /**
     * @throws RejectedNotificationException when the JSON is malformed or lacks the anomaly's id or impact
     */
    public Alert normalize(String message, Instant published) {
        Map<?, ?> anomaly = object(message);
        String anomalyId = text(anomaly, "anomalyId")
                .filter(id -> id.length() <= 256)
                .orElseThrow(() -> malformed("has no anomalyId (a string of 1-256 characters)"));
        Map<?, ?> impact = anomaly.get("impact") instanceof Map<?, ?> m ? m : Map.of();
        if (!(impact.get("totalImpact") instanceof Number totalImpact)) {
            throw malformed("has no numeric impact.totalImpact");
        }
        double dollars = totalImpact.doubleValue();
        Severity severity = dollars >= 100 ? Severity.HIGH : dollars >= 10 ? Severity.MEDIUM : Severity.LOW;
        Map<?, ?> rootCause = anomaly.get("rootCauses") instanceof List<?> causes && !causes.isEmpty()
                && causes.get(0) instanceof Map<?, ?> first ? first : Map.of();
        Optional<String> monitor = text(anomaly, "monitorName");
        Optional<String> service = text(rootCause, "service").or(() -> monitor);

        StringBuilder description = new StringBuilder("Spend ").append(usd(dollars)).append(" above expected");
        if (impact.get("totalActualSpend") instanceof Number actual
                && impact.get("totalExpectedSpend") instanceof Number expected) {
            description.append(" (").append(usd(actual.doubleValue())).append(" actual, ")
                    .append(usd(expected.doubleValue())).append(" expected)");
        }
        text(anomaly, "anomalyStartDate").ifPresent(start -> description.append(" from ").append(start)
                .append(text(anomaly, "anomalyEndDate").map(end -> " to " + end).orElse("")));
        monitor.ifPresent(name -> description.append(", found by monitor ").append(name));
        text(rootCause, "usageType").ifPresent(usage -> description.append("; root cause: ").append(usage));
        text(rootCause, "region").ifPresent(region -> description.append(" in ").append(region));
        description.append('.');
        text(anomaly, "anomalyDetailsLink").ifPresent(link -> description.append(" Details: ").append(link));

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("anomalyId", anomalyId);
        monitor.ifPresent(name -> labels.put("monitor", Names.truncate(name, 256)));
        text(anomaly, "accountId").ifPresent(account -> labels.put("account", Names.truncate(account, 256)));
        text(rootCause, "region").ifPresent(region -> labels.put("region", Names.truncate(region, 256)));
        return new Alert(SOURCE, severity, Names.truncate("Cost anomaly" + service.map(name -> " in " + name).orElse("")
                + ": " + usd(dollars) + " above expected", 256),
                Names.truncate(description.toString(), GenericAlertNormalizer.MAX_DESCRIPTION),
                service.map(Names::of).orElse("unknown"), "cost", anomalyId, labels, published);
    }

    private static Map<?, ?> object(String message) {
        try {
            if (Json.read(message, Json.Limits.AWS_EVENT) instanceof Map<?, ?> anomaly) {
                return anomaly;
            }
            throw malformed("is not a JSON object");
        } catch (MalformedJsonException e) {
            throw malformed("is not valid JSON: " + e.getMessage());
        }
    }

    private static Optional<String> text(Map<?, ?> object, String field) {
        return object.get(field) instanceof String value && !value.isBlank() ? Optional.of(value.strip())
                : Optional.empty();
    }

    private static String usd(double dollars) {
        return String.format(Locale.ROOT, "$%,.2f", dollars);
    }

    private static RejectedNotificationException malformed(String what) {
        return new RejectedNotificationException("malformed_cost_anomaly", "The cost anomaly notification " + what
                + "; expected the JSON Cost Anomaly Detection publishes to SNS.");
    }
}
