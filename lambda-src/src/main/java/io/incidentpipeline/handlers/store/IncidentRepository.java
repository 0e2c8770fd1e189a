package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records alerts as incidents: exactly one current incident per fingerprint, however many
 * deliveries of the same alert race each other, with no transaction.
 *
 * <h2>Key design</h2>
 * The current incident of a fingerprint is the single item {@code FP#<fingerprint>/INCIDENT}
 * (see docs/CONTRACTS.md). An alert is one conditional {@code UpdateItem} on it:
 * <ul>
 *   <li>the attributes that describe the incident (id, status, openedAt, index keys, title,
 *       severity, …) are set with {@code if_not_exists}: the first alert creates them, later ones
 *       leave them as they are;</li>
 *   <li>{@code lastSeenAt}, {@code updatedAt} and {@code writtenRegion} are set on every alert,
 *       and {@code ADD occurrences :one} counts it;</li>
 *   <li>the opening's announcement is marked pending ({@link Announcement}) with {@code if_not_exists}
 *       too, so a duplicate never re-marks an opening that was announced; every write of the item
 *       removes the claim mark;</li>
 *   <li>the condition {@code attribute_not_exists(pk) OR status IN (OPEN, ACKNOWLEDGED)} keeps a
 *       late duplicate from touching a resolved incident.</li>
 * </ul>
 * DynamoDB serializes writes to one item, so under any concurrency exactly one delivery sees
 * {@code occurrences = 1} (it opened the incident) and every other one a higher count.
 *
 * <p>When the condition fails the incident is resolved, and the alert opens a new one. First the
 * resolved incident is copied to {@code INC#<id>/INCIDENT} (an idempotent {@code PutItem} of data
 * that no longer changes), so it stays readable by id; then a {@code PutItem} replaces the head item with a new OPEN incident whose {@code previousIncidentId}
 * links the resolved one, on condition that the item is still that resolved incident
 * ({@code status = RESOLVED AND incidentId = <its id>}). A delivery that loses that race starts
 * over once, and then counts as an occurrence of the incident the winner opened.
 *
 * <h2>Storms</h2>
 * A duplicate of an open incident, of the severity last reported, does not write the incident's
 * item at all: one eventually consistent {@code GetItem} of it, then one {@code UpdateItem} of a
 * small tally ({@link Tallies}), 1 write unit whatever the incident's size, on a partition apart
 * from the fingerprint's. The tallies close when the incident is resolved; a duplicate that finds
 * them closed, or an incident item that is not open, takes the path above. Only that path changes
 * the incident's item, and it changes only attributes the {@code byStatus} index does not project,
 * so a noisy alert costs no index write. A tally write marks nothing pending: a duplicate is no
 * change to announce.
 *
 * <h2>Time and order</h2>
 * Every alert carries the time its source says it happened ({@link Alert#occurredAt()}, never later
 * than now): an incident's {@code openedAt} is its opening alert's, a recovery's {@code resolvedAt}
 * the recovery's. An alert that happened before the resolution of its fingerprint's current incident
 * (a late or replayed delivery) reopens nothing ({@link Outcome#LATE}); a recovery that happened before
 * the current incident opened resolves nothing.
 *
 * <h2>Severity</h2>
 * An alert more urgent than its open incident escalates it: a second conditional {@code UpdateItem}
 * raises {@code severity} and {@code title} and keeps the old severity in {@code previousSeverity},
 * which the publisher announces as {@code Incident Escalated} (marked pending like every announced
 * change, so another region takes it over if this one is lost). A less urgent alert never lowers the
 * severity: it is recorded in {@code reportedSeverity} (written only when that changes, so a storm of
 * equal alerts writes it once), which the timeline shows.
 */
public final class IncidentRepository {
    private static final String NOT_RESOLVED = "attribute_not_exists(#pk) OR #status IN (:open, :acknowledged)";
    private static final String STILL_RESOLVED = "#status = :resolved AND #incidentId = :resolvedId";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final Tallies tallies;
    private final Silences silences;

    /**
     * With the silences of the table and of {@code PLANNED_SILENCES} ({@link Silences#fromEnvironment}).
     *
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param region    this handler's region, written as {@code writtenRegion} so that only this
     *                  region's publisher publishes the write
     */
    public IncidentRepository(DynamoDbClient dynamoDb, String tableName, String region) {
        this(dynamoDb, tableName, region, Silences.fromEnvironment(dynamoDb, tableName, System.getenv()));
    }

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param region    this handler's region
     * @param silences  the silences an opening incident is checked against
     */
    public IncidentRepository(DynamoDbClient dynamoDb, String tableName, String region, Silences silences) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
        this.tallies = new Tallies(dynamoDb, tableName);
        this.silences = silences;
    }

    /** What recording an alert came to. */
    public enum Outcome {
        /** It opened an incident (the fingerprint's first, or a new one after a resolved one). */
        OPENED,
        /** It counted as one more occurrence of the open incident. */
        COUNTED,
        /** It counted, and raised the open incident's severity. */
        ESCALATED,
        /** It happened before its fingerprint's current incident was resolved: nothing was written. */
        LATE
    }

    /**
     * What recording an alert did.
     *
     * @param incident the incident after the write; for {@link Outcome#LATE}, the resolved incident it left alone
     * @param outcome  what the alert came to
     */
    public record RecordResult(Incident incident, Outcome outcome) {
        /** @return whether the alert joined an incident that was already open */
        public boolean deduplicated() {
            return outcome == Outcome.COUNTED || outcome == Outcome.ESCALATED;
        }

        /** @return whether anything was written */
        public boolean recorded() {
            return outcome != Outcome.LATE;
        }
    }

    /**
     * What a recovery did.
     *
     * @param incident the incident it resolved, or the current one it left alone, or empty when there is none
     * @param resolved whether it resolved the incident
     * @param reason   why it resolved nothing ({@code no_open_incident}, {@code already_resolved},
     *                 {@code recovery_predates_incident}), or {@code null}
     */
    public record ResolveResult(Optional<Incident> incident, boolean resolved, String reason) {
    }

    /**
     * Records one alert: opens an incident for its fingerprint, counts it as one more occurrence of
     * the open one, or opens a new one after a resolved one.
     *
     * @throws IncidentConflictException when the incident changed under us twice; the caller retries
     */
    public RecordResult recordAlert(Alert alert, Instant now) {
        String fingerprint = Fingerprint.of(alert);
        Instant occurredAt = occurredAt(alert, now);
        Optional<RecordResult> tallied = countOnTally(alert, fingerprint, now);
        if (tallied.isPresent()) {
            return tallied.get();
        }
        // Past the storm path: a duplicate costs no silence check. The check itself reads a cached copy.
        Optional<Silence> silence = silences.covering(alert, now);
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Incident> opened = silence.flatMap(covering -> openSilenced(alert, fingerprint, covering, occurredAt, now));
            if (opened.isPresent()) {
                return new RecordResult(opened.get(), Outcome.OPENED);
            }
            Optional<Incident> counted = addOccurrence(alert, fingerprint, occurredAt, now);
            if (counted.isPresent()) {
                return counted.get().occurrences() == 1 ? new RecordResult(counted.get(), Outcome.OPENED)
                        : adjustSeverity(alert, counted.get(), now);
            }
            Optional<Map<String, AttributeValue>> resolvedItem = currentItem(fingerprint)
                    .filter(current -> IncidentStatus.RESOLVED.name().equals(current.get("status").s()));
            if (resolvedItem.isPresent()) {
                Incident resolved = Incident.fromItem(resolvedItem.get());
                if (occurredAt.isBefore(resolved.resolvedAt())) {
                    return new RecordResult(resolved, Outcome.LATE);
                }
                // A concurrent delivery may have reopened it since: then the next attempt joins that one.
                Optional<RecordResult> reopened = reopen(alert, fingerprint, resolvedItem.get(), occurredAt, now,
                        silence);
                if (reopened.isPresent()) {
                    return reopened.get();
                }
            }
        }
        throw IncidentConflictException.ofFingerprint(fingerprint);
    }

    /**
     * The storm path: counts a duplicate of the open incident on its tally, when the alert changes
     * nothing else (its severity is the one last reported). An eventually consistent read may show an
     * incident resolved a moment ago as open: its closed tally then sends the alert the slow way.
     */
    private Optional<RecordResult> countOnTally(Alert alert, String fingerprint, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(ItemKeys.incident(fingerprint))).item();
        if (item == null || item.isEmpty() || IncidentStatus.RESOLVED.name().equals(item.get("status").s())) {
            return Optional.empty();
        }
        Incident incident = Incident.fromItem(item);
        Severity reported = incident.reportedSeverity() != null ? incident.reportedSeverity() : incident.severity();
        if (alert.severity() != reported || alert.severity().isMoreUrgentThan(incident.severity())) {
            return Optional.empty();
        }
        // The answer's count: the item's and this tally's (the other tallies are read by who shows counts).
        return tallies.count(incident.incidentId(), now).stream()
                .mapToObj(tally -> new RecordResult(incident.withCounts(incident.occurrences() + tally, now), Outcome.COUNTED))
                .findFirst();
    }

    /** @return when the alert happened, never later than now: a sender's clock ahead of ours does not reorder */
    private static Instant occurredAt(Alert alert, Instant now) {
        return alert.occurredAt().isAfter(now) ? now : alert.occurredAt();
    }

    /**
     * Raises the open incident's severity (and title) to a more urgent alert's, or records a less
     * urgent one's in {@code reportedSeverity}; an alert of the incident's own severity writes nothing
     * more. A concurrent change of the incident leaves it as the other writer made it. An escalation
     * is announced once across regions, so it marks itself pending ({@link Announcement#ESCALATED});
     * a recorded de-escalation announces nothing. Both remove the claim mark, as every write does.
     */
    private RecordResult adjustSeverity(Alert alert, Incident incident, Instant now) {
        Severity reported = incident.reportedSeverity() != null ? incident.reportedSeverity() : incident.severity();
        if (alert.severity() == reported && !alert.severity().isMoreUrgentThan(incident.severity())) {
            return new RecordResult(incident, Outcome.COUNTED);
        }
        boolean escalates = alert.severity().isMoreUrgentThan(incident.severity());
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#incidentId", "incidentId",
                "#severity", "severity", "#reportedSeverity", "reportedSeverity", "#updatedAt", "updatedAt",
                "#changedBy", "changedBy", "#writtenRegion", "writtenRegion"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":id", AttributeValue.fromS(incident.incidentId()),
                ":seen", AttributeValue.fromS(incident.severity().value()),
                ":reported", AttributeValue.fromS(alert.severity().value()),
                ":now", AttributeValue.fromS(Timestamps.format(now)),
                ":actor", AttributeValue.fromS(alertActor(alert)),
                ":region", AttributeValue.fromS(region),
                ":open", AttributeValue.fromS(IncidentStatus.OPEN.name()),
                ":acknowledged", AttributeValue.fromS(IncidentStatus.ACKNOWLEDGED.name())));
        String reportOnly = "SET #reportedSeverity = :reported, #updatedAt = :now, #changedBy = :actor,"
                + " #writtenRegion = :region";
        if (escalates) {
            names.put("#title", "title");
            names.put("#previousSeverity", "previousSeverity");
            values.put(":title", AttributeValue.fromS(alert.title()));
        }
        String set = (escalates ? reportOnly + ", #severity = :reported, #title = :title, #previousSeverity = :seen, "
                + Announcement.ESCALATED.setPending(now, names, values) : reportOnly)
                + " REMOVE " + Announcement.removeClaimMark(names);
        try {
            Incident updated = Incident.fromItem(dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.incident(incident.fingerprint()))
                    .updateExpression(set)
                    .conditionExpression("#incidentId = :id AND #status IN (:open, :acknowledged) AND #severity = :seen")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
            return new RecordResult(updated, escalates ? Outcome.ESCALATED : Outcome.COUNTED);
        } catch (ConditionalCheckFailedException changed) {
            // Resolved or escalated by another writer since our count: that writer's state stands.
            return new RecordResult(incident, Outcome.COUNTED);
        }
    }

    /**
     * Resolves the open or acknowledged incident of the alert's fingerprint: the recovery a
     * monitoring tool sends when its alert clears. One conditional {@code UpdateItem}; an
     * incident already resolved, none at all, or one that opened after the recovery happened (a
     * late recovery of an earlier incident) is left alone. {@code resolvedAt} is when the recovery
     * happened.
     *
     * @return what the recovery did
     */
    public ResolveResult resolve(Alert recovery, Instant now) {
        String occurredAt = Timestamps.format(occurredAt(recovery, now));
        AttributeValue at = AttributeValue.fromS(occurredAt);
        AttributeValue written = AttributeValue.fromS(Timestamps.format(now));
        AttributeValue actor = AttributeValue.fromS(alertActor(recovery));
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#gsi1pk", "gsi1pk", "#gsi2pk", "gsi2pk",
                "#lastSeenAt", "lastSeenAt", "#updatedAt", "updatedAt", "#resolvedAt", "resolvedAt",
                "#resolvedBy", "resolvedBy", "#changedBy", "changedBy", "#writtenRegion", "writtenRegion",
                "#changeNote", "changeNote"));
        names.put("#openedAt", "openedAt");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":resolved", AttributeValue.fromS(IncidentStatus.RESOLVED.name()),
                ":resolvedPartition", AttributeValue.fromS(IncidentStatus.RESOLVED.indexPartition()),
                ":resolvedServicePartition", AttributeValue.fromS(
                        IncidentStatus.RESOLVED.serviceIndexPartition(recovery.service())),
                ":at", at,
                ":written", written,
                ":actor", actor,
                ":region", AttributeValue.fromS(region),
                ":open", AttributeValue.fromS(IncidentStatus.OPEN.name()),
                ":acknowledged", AttributeValue.fromS(IncidentStatus.ACKNOWLEDGED.name())));
        String expression = "SET #status = :resolved, #gsi1pk = :resolvedPartition,"
                + " #gsi2pk = :resolvedServicePartition, #lastSeenAt = :written, #updatedAt = :written,"
                + " #resolvedAt = :at, #resolvedBy = :actor, #changedBy = :actor, #writtenRegion = :region, "
                + Announcement.RESOLVED.setPending(now, names, values)
                + " REMOVE #changeNote, " + Announcement.removeClaimMark(names);
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.incident(Fingerprint.of(recovery)))
                    // The fingerprint covers the service, so the recovery's service is the incident's.
                    .updateExpression(expression)
                    .conditionExpression("#status IN (:open, :acknowledged) AND #openedAt <= :at")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            Incident resolved = Incident.fromItem(item);
            tallies.close(resolved.incidentId());
            return new ResolveResult(Optional.of(tallies.overlay(resolved)), true, null);
        } catch (ConditionalCheckFailedException notOpen) {
            Optional<Incident> current = findCurrent(Fingerprint.of(recovery));
            String reason = current.isEmpty() ? "no_open_incident"
                    : current.get().status() == IncidentStatus.RESOLVED ? "already_resolved"
                    : "recovery_predates_incident";
            return new ResolveResult(current, false, reason);
        }
    }

    /** @return the current incident of a fingerprint (strongly consistent read), if there is one */
    public Optional<Incident> findCurrent(String fingerprint) {
        return currentItem(fingerprint).map(Incident::fromItem);
    }

    private Optional<Map<String, AttributeValue>> currentItem(String fingerprint) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b
                .tableName(tableName)
                .key(ItemKeys.incident(fingerprint))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * Opens the fingerprint's first incident under a silence: its covered-incident item first
     * ({@link Silences#cover}), then the opening write with the silence's attributes, on condition
     * that the fingerprint has no incident yet. An alert of an existing incident is not silenced
     * here (a silence covers incidents that open while it is in force): the write fails, and the
     * alert takes the usual path.
     */
    private Optional<Incident> openSilenced(Alert alert, String fingerprint, Silence silence, Instant occurredAt,
            Instant now) {
        String incidentId = IncidentIds.newId(now);
        UpdateItemRequest opening = occurrenceUpdate(alert, fingerprint, incidentId, occurredAt, now);
        Map<String, String> names = new HashMap<>(opening.expressionAttributeNames());
        Map<String, AttributeValue> values = new HashMap<>(opening.expressionAttributeValues());
        StringJoiner set = new StringJoiner(", ");
        silence.covering().attributes().forEach((name, value) -> {
            names.put("#" + name, name);
            values.put(":" + name, value);
            set.add("#" + name + " = :" + name);
        });
        values.remove(":open");
        values.remove(":acknowledged");
        String expression = opening.updateExpression().replaceFirst("^SET ", "SET " + set + ", ");
        if (currentItem(fingerprint).isPresent()) {
            return Optional.empty();
        }
        silences.cover(silence, incidentId, fingerprint);
        try {
            return Optional.of(Incident.fromItem(dynamoDb.updateItem(opening.toBuilder()
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()).attributes()));
        } catch (ConditionalCheckFailedException exists) {
            return Optional.empty();
        }
    }

    private Optional<Incident> addOccurrence(Alert alert, String fingerprint, Instant occurredAt, Instant now) {
        try {
            return Optional.of(Incident.fromItem(dynamoDb.updateItem(
                    occurrenceUpdate(alert, fingerprint, IncidentIds.newId(now), occurredAt, now)).attributes()));
        } catch (ConditionalCheckFailedException resolved) {
            return Optional.empty();
        }
    }

    /**
     * For SnapStart: records the alert as the recording of a real one would, request, response and
     * parsing alike, on the priming item {@code PRIMING#<region>/INCIDENT} instead of its
     * fingerprint's: no incident is opened (the publisher ignores the item), and a later priming
     * counts one more occurrence of the same item, whatever its status: the write has no condition.
     * Table failures propagate.
     */
    public Incident primeWrite(Alert alert, Instant now) {
        UpdateItemRequest alertUpdate = occurrenceUpdate(alert, Fingerprint.of(alert), IncidentIds.newId(now),
                occurredAt(alert, now), now);
        // Out of the listing indexes: the priming item is no incident an operator should see.
        Map<String, AttributeValue> values = new HashMap<>(alertUpdate.expressionAttributeValues());
        values.put(":gsi1pk", AttributeValue.fromS(ItemKeys.PRIMING_PARTITION));
        values.put(":gsi2pk", AttributeValue.fromS(ItemKeys.PRIMING_PARTITION));
        // And never due: there is nothing to announce, so no sweep may find it.
        values.put(":" + DueWork.AT, AttributeValue.fromS(DueWork.NOTHING));
        // The condition's names and values only: DynamoDB refuses names and values a request does not use.
        values.remove(":open");
        values.remove(":acknowledged");
        Map<String, String> names = new HashMap<>(alertUpdate.expressionAttributeNames());
        names.remove("#pk");
        UpdateItemRequest request = alertUpdate.toBuilder()
                .key(ItemKeys.priming(region))
                .conditionExpression(null)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        return Incident.fromItem(dynamoDb.updateItem(request).attributes());
    }

    /** The one conditional UpdateItem that records an alert (see the class comment). */
    private UpdateItemRequest occurrenceUpdate(Alert alert, String fingerprint, String incidentId, Instant occurredAt,
            Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        openingAttributes(alert, fingerprint, incidentId, occurredAt, now).forEach((name, value) -> {
            set.add("#" + name + " = if_not_exists(#" + name + ", :" + name + ")");
            names.put("#" + name, name);
            values.put(":" + name, value);
        });
        sightingAttributes(alert, now).forEach((name, value) -> {
            set.add("#" + name + " = :" + name);
            names.put("#" + name, name);
            values.put(":" + name, value);
        });
        names.put("#pk", ItemKeys.PK);
        names.put("#occurrences", "occurrences");
        names.put("#changeNote", "changeNote");
        String removeClaimMark = Announcement.removeClaimMark(names);
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":open", AttributeValue.fromS(IncidentStatus.OPEN.name()));
        values.put(":acknowledged", AttributeValue.fromS(IncidentStatus.ACKNOWLEDGED.name()));
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(ItemKeys.incident(fingerprint))
                .updateExpression(set + " ADD #occurrences :one REMOVE #changeNote, " + removeClaimMark)
                .conditionExpression(NOT_RESOLVED)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .build();
    }

    private Optional<RecordResult> reopen(Alert alert, String fingerprint, Map<String, AttributeValue> resolvedItem,
            Instant occurredAt, Instant now, Optional<Silence> silence) {
        Incident resolved = Incident.fromItem(resolvedItem);
        archive(resolvedItem, resolved.incidentId());
        String incidentId = IncidentIds.newId(now);
        Map<String, AttributeValue> item = new HashMap<>(ItemKeys.incident(fingerprint));
        item.putAll(openingAttributes(alert, fingerprint, incidentId, occurredAt, now));
        if (silence.isPresent()) {
            // Covered first, as a first opening is: never a silenced incident without its announcement due.
            silences.cover(silence.get(), incidentId, fingerprint);
            item.putAll(silence.get().covering().attributes());
        }
        item.putAll(sightingAttributes(alert, now));
        item.put("occurrences", AttributeValue.fromN("1"));
        item.put("previousIncidentId", AttributeValue.fromS(resolved.incidentId()));
        try {
            dynamoDb.putItem(b -> b
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression(STILL_RESOLVED)
                    .expressionAttributeNames(Map.of("#status", "status", "#incidentId", "incidentId"))
                    .expressionAttributeValues(Map.of(
                            ":resolved", AttributeValue.fromS(IncidentStatus.RESOLVED.name()),
                            ":resolvedId", AttributeValue.fromS(resolved.incidentId()))));
            return Optional.of(new RecordResult(Incident.fromItem(item), Outcome.OPENED));
        } catch (ConditionalCheckFailedException lostRace) {
            return Optional.empty();
        }
    }

    /**
     * Copies a resolved incident to its archive key before a new incident replaces it. A resolved
     * incident never changes again, so writing the copy twice (two deliveries racing to reopen, or a
     * retry after a failure between the two writes) writes the same item.
     */
    private void archive(Map<String, AttributeValue> resolvedItem, String incidentId) {
        Map<String, AttributeValue> copy = new HashMap<>(resolvedItem);
        copy.putAll(ItemKeys.archivedIncident(incidentId));
        dynamoDb.putItem(b -> b.tableName(tableName).item(copy));
    }

    /**
     * The attributes an incident gets when it opens; only an escalation changes any of them later.
     * {@code openedAt} is when the alert happened; the opening is due for announcement from {@code now}.
     */
    private static Map<String, AttributeValue> openingAttributes(Alert alert, String fingerprint, String incidentId,
            Instant occurredAt, Instant now) {
        String openedAt = Timestamps.format(occurredAt);
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("incidentId", AttributeValue.fromS(incidentId));
        attributes.put("fingerprint", AttributeValue.fromS(fingerprint));
        attributes.put("source", AttributeValue.fromS(alert.source()));
        attributes.put("severity", AttributeValue.fromS(alert.severity().value()));
        attributes.put("title", AttributeValue.fromS(alert.title()));
        if (alert.description() != null) {
            attributes.put("description", AttributeValue.fromS(alert.description()));
        }
        attributes.put("service", AttributeValue.fromS(alert.service()));
        attributes.put("category", AttributeValue.fromS(alert.category()));
        if (!alert.labels().isEmpty()) {
            Map<String, AttributeValue> labels = new LinkedHashMap<>();
            alert.labels().forEach((key, value) -> labels.put(key, AttributeValue.fromS(value)));
            attributes.put("labels", AttributeValue.fromM(labels));
        }
        if (alert.provenance() != null) {
            attributes.put("provenance", alert.provenance().toAttribute());
        }
        attributes.put("status", AttributeValue.fromS(IncidentStatus.OPEN.name()));
        attributes.put("openedAt", AttributeValue.fromS(openedAt));
        attributes.put("gsi1pk", AttributeValue.fromS(IncidentStatus.OPEN.indexPartition()));
        attributes.put("gsi1sk", AttributeValue.fromS(openedAt + "#" + incidentId));
        attributes.put("gsi2pk", AttributeValue.fromS(IncidentStatus.OPEN.serviceIndexPartition(alert.service())));
        // Set once, like the rest: a duplicate neither re-marks an announced opening nor moves its due time.
        attributes.putAll(Announcement.OPENED.pending(now));
        return attributes;
    }

    /** The attributes every alert sets. */
    private Map<String, AttributeValue> sightingAttributes(Alert alert, Instant now) {
        AttributeValue at = AttributeValue.fromS(Timestamps.format(now));
        return Map.of("lastSeenAt", at, "updatedAt", at, "writtenRegion", AttributeValue.fromS(region),
                "changedBy", AttributeValue.fromS(alertActor(alert)));
    }

    /** @return who an alert's change is attributed to on the timeline: {@code alert:<source>} */
    static String alertActor(Alert alert) {
        return "alert:" + alert.source();
    }
}
