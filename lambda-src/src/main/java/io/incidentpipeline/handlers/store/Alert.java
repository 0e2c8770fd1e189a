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
 * @param labels      free-form string labels, possibly empty; the {@link Provenance#RESERVED_LABELS}
 *                    only with a provenance
 * @param occurredAt  when the source says it happened (each source's field: docs/CONTRACTS.md), or when
 *                    it was received where the source says nothing; the lifecycle is decided in this order
 * @param provenance  where it came from, when the pipeline verified that itself (an AWS service
 *                    event); {@code null} for every other source
 */
public record Alert(String source, Severity severity, String title, String description, String service,
        String category, String dedupKey, Map<String, String> labels, Instant occurredAt, Provenance provenance) {

    /**
     * @throws IllegalArgumentException when an alert without a provenance carries a reserved label:
     *                                  a normalizer must reject such input before building the alert
     */
    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(occurredAt, "occurredAt");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        if (provenance == null) {
            for (String reserved : Provenance.RESERVED_LABELS) {
                if (labels.containsKey(reserved)) {
                    throw new IllegalArgumentException("label '" + reserved + "' names a remediation target; only an"
                            + " alert with a verified provenance may carry it");
                }
            }
        }
    }

    /** An alert of a source the pipeline cannot verify itself (a webhook, an SNS topic): no provenance. */
    public Alert(String source, Severity severity, String title, String description, String service,
            String category, String dedupKey, Map<String, String> labels, Instant occurredAt) {
        this(source, severity, title, description, service, category, dedupKey, labels, occurredAt, null);
    }
}
