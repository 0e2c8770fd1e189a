package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Opsgenie outgoing webhook ({@code {"action", "alert": {alertId, alias, message, priority,
 * tags, entity, description}}}), authenticated by a token in the webhook's custom headers
 * ({@link TokenAuthenticator}). {@code Create}, {@code Escalate} and {@code UpdatePriority} are
 * occurrences of the incident of the Opsgenie alert's alias (else its id); {@code Close} resolves
 * it; other actions (Acknowledge, AddNote, …) change nothing here. Severity: priority P1–P5; the
 * service is the {@code service:} tag, else the entity. The alert happened at {@code alert.updatedAt}
 * (else {@code alert.createdAt}); Opsgenie sends no delivery id.
 */
public final class OpsgenieAlertNormalizer implements AlertNormalizer {
    private static final Set<String> OCCURRENCES = Set.of("Create", "Escalate", "UpdatePriority");

    @Override
    public Alert normalize(String source, Map<String, Object> body, Instant receivedAt) {
        Map<String, Object> alert = ThirdPartyFields.object(body, "alert", "Opsgenie");
        String id = ThirdPartyFields.optional(alert, "alias")
                .or(() -> ThirdPartyFields.optional(alert, "alertId"))
                .orElseThrow(() -> ThirdPartyFields.missing("alert.alias or alert.alertId", "Opsgenie"));
        String title = ThirdPartyFields.required(alert, "message", "Opsgenie");
        Severity severity = ThirdPartyFields.optional(alert, "priority").flatMap(Severity::fromPriority)
                .orElse(Severity.MEDIUM);
        Optional<String> taggedService = alert.get("tags") instanceof List<?> tags ? tags.stream()
                .filter(String.class::isInstance).map(String.class::cast)
                .filter(tag -> tag.startsWith("service:") && tag.length() > "service:".length())
                .map(tag -> tag.substring("service:".length())).findFirst() : Optional.empty();
        String service = taggedService.or(() -> ThirdPartyFields.optional(alert, "entity")).map(Names::of)
                .orElse("unknown");
        return new Alert(source, severity, Names.truncate(title, GenericAlertNormalizer.MAX_TITLE),
                ThirdPartyFields.optional(alert, "description")
                        .map(d -> Names.truncate(d, GenericAlertNormalizer.MAX_DESCRIPTION)).orElse(null),
                service, "monitor", Names.truncate("opsgenie:" + id, GenericAlertNormalizer.MAX_DEDUP_KEY),
                Map.of("action", Names.truncate(action(body), 256)),
                ThirdPartyFields.time(alert, "updatedAt", "Opsgenie")
                        .or(() -> ThirdPartyFields.time(alert, "createdAt", "Opsgenie")).orElse(receivedAt));
    }

    @Override
    public boolean isRecovery(Map<String, Object> body) {
        return "Close".equals(action(body));
    }

    @Override
    public boolean isInformational(Map<String, Object> body) {
        return !isRecovery(body) && !OCCURRENCES.contains(action(body));
    }

    private static String action(Map<String, Object> body) {
        return ThirdPartyFields.required(body, "action", "Opsgenie");
    }
}
