package io.incidentpipeline.handlers.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One alert, normalized from whatever its source sent, and already validated: what the store
 * records as an occurrence of an incident.
 *
 * @param source      the alert source, e.g. {@code generic}
 * @param severity    how urgent
 * @param title       a one-line summary
 * @param description details, or {@code null}
 * @param service     the affected service ({@code unknown} when the sender named none)
 * @param category    the kind of problem ({@code other} when the sender named none)
 * @param dedupKey    the sender's own key for "the same problem", or {@code null} to use the title
 * @param labels      free-form string labels, possibly empty
 * @param occurredAt  when the source says it happened (each source's field: docs/CONTRACTS.md), or when
 *                    it was received where the source says nothing; the lifecycle is decided in this order
 */
public record Alert(String source, Severity severity, String title, String description, String service,
        String category, String dedupKey, Map<String, String> labels, Instant occurredAt) {

    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(occurredAt, "occurredAt");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
