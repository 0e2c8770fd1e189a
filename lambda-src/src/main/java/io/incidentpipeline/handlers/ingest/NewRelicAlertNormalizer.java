package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A New Relic workflow notification, sent by a webhook destination whose payload is the template in
 * the README ("New Relic"): {@code issueId}, {@code title}, {@code priority} (CRITICAL, HIGH, MEDIUM,
 * LOW), {@code state} (CREATED, ACTIVATED, ACKNOWLEDGED, CLOSED), {@code issueUrl}, {@code entities}
 * (names), {@code policy}. Authenticated by a token header ({@link TokenAuthenticator}).
 * One incident per New Relic issue; {@code CLOSED} resolves it; {@code ACKNOWLEDGED} changes
 * nothing here. The service is the first entity's name, else the policy. The alert happened at
 * {@code updatedAt} (the issue's {@code updatedAt}, epoch milliseconds); New Relic sends no delivery id.
 */
public final class NewRelicAlertNormalizer implements AlertNormalizer {
    @Override
    public Alert normalize(String source, Map<String, Object> body, Instant receivedAt) {
        String issueId = ThirdPartyFields.required(body, "issueId", "New Relic");
        String title = ThirdPartyFields.required(body, "title", "New Relic");
        Severity severity = ThirdPartyFields.optional(body, "priority").flatMap(Severity::fromValue).orElse(Severity.HIGH);
        Optional<String> entity = body.get("entities") instanceof List<?> entities && !entities.isEmpty()
                && entities.get(0) instanceof String first && !first.isBlank() ? Optional.of(first) : Optional.empty();
        String service = entity.or(() -> ThirdPartyFields.optional(body, "policy")).map(Names::of).orElse("unknown");
        return new Alert(source, severity, Names.truncate(title, GenericAlertNormalizer.MAX_TITLE),
                ThirdPartyFields.optional(body, "issueUrl").orElse(null), service, "monitor",
                Names.truncate("newrelic:" + issueId, GenericAlertNormalizer.MAX_DEDUP_KEY),
                Map.of("state", Names.truncate(state(body), 256)),
                ThirdPartyFields.time(body, "updatedAt", "New Relic").orElse(receivedAt));
    }

    @Override
    public boolean isRecovery(Map<String, Object> body) {
        return "CLOSED".equals(state(body));
    }

    @Override
    public boolean isInformational(Map<String, Object> body) {
        return "ACKNOWLEDGED".equals(state(body));
    }

    private static String state(Map<String, Object> body) {
        return ThirdPartyFields.optional(body, "state").map(String::toUpperCase).orElse("ACTIVATED");
    }
}
