package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Datadog monitor notification, sent by a Datadog webhook whose payload is the template in the
 * README ("Datadog"): Datadog's own variables ({@code $ALERT_ID}, {@code $ALERT_SCOPE},
 * {@code $EVENT_TITLE}, {@code $ALERT_TRANSITION}, {@code $ALERT_PRIORITY}, {@code $TAGS}, …) in
 * fields of our choosing. Authenticated by a token header ({@link TokenAuthenticator}): Datadog
 * webhooks cannot sign bodies.
 *
 * <table>
 *   <caption>Severity</caption>
 *   <tr><th>{@code priority}</th><th>severity</th></tr>
 *   <tr><td>P1</td><td>critical</td></tr>
 *   <tr><td>P2</td><td>high</td></tr>
 *   <tr><td>P3</td><td>medium</td></tr>
 *   <tr><td>P4</td><td>low</td></tr>
 *   <tr><td>P5</td><td>info</td></tr>
 *   <tr><td>none</td><td>by transition: Warn medium, No Data low, otherwise high</td></tr>
 * </table>
 * One incident per monitor and scope ({@code alertId} and {@code scope}); the transition
 * {@code Recovered} resolves it. The service is the {@code service:} tag, else the host. The alert
 * happened at {@code date} ({@code $DATE}, epoch milliseconds); {@code eventId} ({@code $ID}) is the
 * delivery id, which a retried delivery repeats.
 */
public final class DatadogAlertNormalizer implements AlertNormalizer {

    @Override
    public Alert normalize(String source, Map<String, Object> body, Instant receivedAt) {
        String alertId = ThirdPartyFields.required(body, "alertId", "Datadog");
        String title = ThirdPartyFields.required(body, "title", "Datadog");
        String transition = ThirdPartyFields.optional(body, "transition").orElse("Triggered");
        Severity severity = ThirdPartyFields.optional(body, "priority").flatMap(Severity::fromPriority)
                .orElseGet(() -> transition.contains("Warn") ? Severity.MEDIUM
                        : transition.contains("No Data") ? Severity.LOW : Severity.HIGH);
        Map<String, String> tags = tags(ThirdPartyFields.optional(body, "tags").orElse(""));
        String service = Optional.ofNullable(tags.get("service")).or(() -> ThirdPartyFields.optional(body, "hostname"))
                .map(Names::of).orElse("unknown");
        String description = (ThirdPartyFields.optional(body, "message").orElse("") + ThirdPartyFields.optional(body, "link").map(l -> "\n" + l).orElse(""))
                .strip();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("transition", Names.truncate(transition, 256));
        ThirdPartyFields.optional(body, "priority").ifPresent(p -> labels.put("priority", Names.truncate(p, 256)));
        Optional.ofNullable(tags.get("env")).ifPresent(env -> labels.put("env", Names.truncate(env, 256)));
        return new Alert(source, severity, Names.truncate(title, GenericAlertNormalizer.MAX_TITLE),
                description.isEmpty() ? null : Names.truncate(description, GenericAlertNormalizer.MAX_DESCRIPTION),
                service, Optional.ofNullable(tags.get("category")).map(Names::of).orElse("monitor"),
                Names.truncate(alertId + "|" + ThirdPartyFields.optional(body, "scope").orElse(""), GenericAlertNormalizer.MAX_DEDUP_KEY),
                labels, ThirdPartyFields.time(body, "date", "Datadog").orElse(receivedAt));
    }

    @Override
    public Optional<String> deliveryId(Map<String, Object> body, Map<String, String> headers) {
        return ThirdPartyFields.optional(body, "eventId");
    }

    @Override
    public boolean isRecovery(Map<String, Object> body) {
        return body.get("transition") instanceof String transition && transition.trim().equalsIgnoreCase("Recovered");
    }

    /** {@code $TAGS}: comma-separated {@code key:value} tags; a key's first value wins. */
    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : text.split(",")) {
            int colon = tag.indexOf(':');
            if (colon > 0 && colon < tag.length() - 1) {
                tags.putIfAbsent(tag.substring(0, colon).trim(), tag.substring(colon + 1).trim());
            }
        }
        return tags;
    }


}
