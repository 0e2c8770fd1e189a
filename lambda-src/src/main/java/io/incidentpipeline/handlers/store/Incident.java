package io.incidentpipeline.handlers.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The current incident of a fingerprint, as the table holds it (docs/CONTRACTS.md, "Table").
 *
 * @param incidentId         {@code inc_} and a ULID
 * @param fingerprint        64 hex characters, see {@link Fingerprint}
 * @param source             the alert source of its alerts
 * @param severity           how urgent: its first alert's, raised by a later alert of higher severity
 * @param title              a one-line summary: its first alert's, or the latest escalating alert's
 * @param description        details, or {@code null}
 * @param service            the affected service
 * @param category           the kind of problem
 * @param status             where it is in its lifecycle
 * @param occurrences        how many alerts it has absorbed
 * @param openedAt           when the alert that opened it happened (the source's time)
 * @param lastSeenAt         when its latest alert arrived
 * @param updatedAt          when the item last changed
 * @param labels             free-form string labels, possibly empty
 * @param writtenRegion      the region whose handler made the latest write
 * @param previousIncidentId the resolved incident this one reopened the fingerprint after, or {@code null}
 * @param acknowledgedAt     when it was acknowledged, or {@code null}
 * @param acknowledgedBy     who acknowledged it (an IAM principal ARN), or {@code null}
 * @param resolvedAt         when it was resolved (for a recovery, when the source says it recovered), or {@code null}
 * @param resolvedBy         who resolved it: an IAM principal ARN, or {@code alert:<source>} for a recovery
 * @param changedBy          who made the latest change: {@code alert:<source>} for an alert, an IAM principal
 *                           ARN for an operator; {@code null} on items written before this attribute existed
 * @param changeNote         the operator's note on the latest change, or {@code null}
 * @param previousSeverity   the severity before the latest escalation, or {@code null} if it never escalated
 * @param reportedSeverity   the severity of the latest alert when that differs from the first alert's or
 *                           an escalation's (a de-escalation is recorded here, never lowering {@code severity}),
 *                           or {@code null}
 * @param provenance         where its first alert came from, when the pipeline verified it (an AWS
 *                           finding), or {@code null}
 * @param silence            the silence it opened under, until that silence ended, or {@code null}
 */
public record Incident(String incidentId, String fingerprint, String source, Severity severity, String title,
        String description, String service, String category, IncidentStatus status, long occurrences,
        Instant openedAt, Instant lastSeenAt, Instant updatedAt, Map<String, String> labels,
        String writtenRegion, String previousIncidentId, Instant acknowledgedAt, String acknowledgedBy,
        Instant resolvedAt, String resolvedBy, String changedBy, String changeNote, Severity previousSeverity,
        Severity reportedSeverity, Provenance provenance, IncidentSilence silence) {

    public Incident {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** @return this incident with its counters as the tallies add them up ({@link Tallies#overlay}) */
    public Incident withCounts(long allOccurrences, Instant latestSighting) {
        return new Incident(incidentId, fingerprint, source, severity, title, description, service, category, status,
                allOccurrences, openedAt, latestSighting, updatedAt, labels, writtenRegion, previousIncidentId,
                acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, changedBy, changeNote, previousSeverity,
                reportedSeverity, provenance, silence);
    }

    /** @return this incident as announced with {@code silence}, or unsilenced with {@code null} */
    public Incident withSilence(IncidentSilence silence) {
        return new Incident(incidentId, fingerprint, source, severity, title, description, service, category, status,
                occurrences, openedAt, lastSeenAt, updatedAt, labels, writtenRegion, previousIncidentId,
                acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, changedBy, changeNote, previousSeverity,
                reportedSeverity, provenance, silence);
    }

    /**
     * Reads an incident item.
     *
     * @throws IllegalArgumentException naming the attribute that is missing or malformed
     */
    public static Incident fromItem(Map<String, AttributeValue> item) {
        try {
            Map<String, String> labels = new LinkedHashMap<>();
            AttributeValue labelMap = item.get("labels");
            if (labelMap != null && labelMap.hasM()) {
                labelMap.m().forEach((key, value) -> labels.put(key, value.s()));
            }
            String severity = string(item, "severity");
            return new Incident(
                    string(item, "incidentId"),
                    string(item, "fingerprint"),
                    string(item, "source"),
                    Severity.fromValue(severity).orElseThrow(
                            () -> new IllegalArgumentException("unknown severity '" + severity + "'")),
                    string(item, "title"),
                    optionalString(item, "description"),
                    string(item, "service"),
                    string(item, "category"),
                    IncidentStatus.valueOf(string(item, "status")),
                    Long.parseLong(number(item, "occurrences")),
                    Instant.parse(string(item, "openedAt")),
                    Instant.parse(string(item, "lastSeenAt")),
                    Instant.parse(string(item, "updatedAt")),
                    labels,
                    string(item, "writtenRegion"),
                    optionalString(item, "previousIncidentId"),
                    optionalInstant(item, "acknowledgedAt"),
                    optionalString(item, "acknowledgedBy"),
                    optionalInstant(item, "resolvedAt"),
                    optionalString(item, "resolvedBy"),
                    optionalString(item, "changedBy"),
                    optionalString(item, "changeNote"),
                    optionalSeverity(item, "previousSeverity"),
                    optionalSeverity(item, "reportedSeverity"),
                    Provenance.fromAttribute(item.get("provenance")),
                    IncidentSilence.fromItem(item));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an incident item (" + e.getMessage() + "): pk " + optionalString(item, "pk"), e);
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        String value = optionalString(item, name);
        if (value == null) {
            throw new IllegalArgumentException("missing string attribute '" + name + "'");
        }
        return value;
    }

    private static String optionalString(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Severity optionalSeverity(Map<String, AttributeValue> item, String name) {
        String value = optionalString(item, name);
        return value == null ? null : Severity.fromValue(value).orElseThrow(
                () -> new IllegalArgumentException("unknown " + name + " '" + value + "'"));
    }

    private static Instant optionalInstant(Map<String, AttributeValue> item, String name) {
        String value = optionalString(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalArgumentException("missing number attribute '" + name + "'");
        }
        return value.n();
    }
}
