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
 *       too, so a duplicate never re-marks an opening that was announced;</li>
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
 * <p>A duplicate changes only attributes the {@code byStatus} index does not project, so a noisy
 * alert costs one table write and no index write.
 */
public final class IncidentRepository {
    private static final String NOT_RESOLVED = "attribute_not_exists(#pk) OR #status IN (:open, :acknowledged)";
    private static final String STILL_RESOLVED = "#status = :resolved AND #incidentId = :resolvedId";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param region    this handler's region, written as {@code writtenRegion} so that only this
     *                  region's publisher publishes the write
     */
    public IncidentRepository(DynamoDbClient dynamoDb, String tableName, String region) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
    }

    /**
     * What recording an alert did.
     *
     * @param incident     the incident after the write
     * @param deduplicated whether the alert joined an incident that was already open
     */
    public record RecordResult(Incident incident, boolean deduplicated) {
    }

    /**
     * Records one alert: opens an incident for its fingerprint, counts it as one more occurrence of
     * the open one, or opens a new one after a resolved one.
     *
     * @throws IncidentConflictException when the incident changed under us twice; the caller retries
     */
    public RecordResult recordAlert(Alert alert, Instant now) {
        String fingerprint = Fingerprint.of(alert);
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<RecordResult> recorded = addOccurrence(alert, fingerprint, now);
            if (recorded.isPresent()) {
                return recorded.get();
            }
            // A concurrent delivery may have reopened it since: then the next attempt joins that one.
            Optional<RecordResult> reopened = currentItem(fingerprint)
                    .filter(current -> IncidentStatus.RESOLVED.name().equals(current.get("status").s()))
                    .flatMap(resolved -> reopen(alert, fingerprint, resolved, now));
            if (reopened.isPresent()) {
                return reopened.get();
            }
        }
        throw IncidentConflictException.ofFingerprint(fingerprint);
    }

    /**
     * Resolves the open or acknowledged incident of the alert's fingerprint: the recovery a
     * monitoring tool sends when its alert clears. One conditional {@code UpdateItem}; an
     * incident already resolved, or none at all, is left alone.
     *
     * @return the resolved incident, or empty when there was no open one to resolve
     */
    public Optional<Incident> resolve(Alert recovery, Instant now) {
        AttributeValue at = AttributeValue.fromS(Timestamps.format(now));
        AttributeValue actor = AttributeValue.fromS(alertActor(recovery));
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#gsi1pk", "gsi1pk", "#gsi2pk", "gsi2pk",
                "#lastSeenAt", "lastSeenAt", "#updatedAt", "updatedAt", "#resolvedAt", "resolvedAt",
                "#resolvedBy", "resolvedBy", "#changedBy", "changedBy", "#writtenRegion", "writtenRegion",
                "#changeNote", "changeNote"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":resolved", AttributeValue.fromS(IncidentStatus.RESOLVED.name()),
                ":resolvedPartition", AttributeValue.fromS(IncidentStatus.RESOLVED.indexPartition()),
                ":resolvedServicePartition", AttributeValue.fromS(
                        IncidentStatus.RESOLVED.serviceIndexPartition(recovery.service())),
                ":at", at,
                ":actor", actor,
                ":region", AttributeValue.fromS(region),
                ":open", AttributeValue.fromS(IncidentStatus.OPEN.name()),
                ":acknowledged", AttributeValue.fromS(IncidentStatus.ACKNOWLEDGED.name())));
        String expression = "SET #status = :resolved, #gsi1pk = :resolvedPartition,"
                + " #gsi2pk = :resolvedServicePartition, #lastSeenAt = :at, #updatedAt = :at,"
                + " #resolvedAt = :at, #resolvedBy = :actor, #changedBy = :actor, #writtenRegion = :region, "
                + Announcement.RESOLVED.setPending(now, names, values)
                + " REMOVE #changeNote, " + Announcement.removeClaimMark(names);
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.incident(Fingerprint.of(recovery)))
                    // The fingerprint covers the service, so the recovery's service is the incident's.
                    .updateExpression(expression)
                    .conditionExpression("#status IN (:open, :acknowledged)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(Incident.fromItem(item));
        } catch (ConditionalCheckFailedException notOpen) {
            return Optional.empty();
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

    private Optional<RecordResult> addOccurrence(Alert alert, String fingerprint, Instant now) {
        try {
            Incident incident = Incident.fromItem(dynamoDb.updateItem(occurrenceUpdate(alert, fingerprint, now)).attributes());
            return Optional.of(new RecordResult(incident, incident.occurrences() > 1));
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
        UpdateItemRequest alertUpdate = occurrenceUpdate(alert, Fingerprint.of(alert), now);
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
    private UpdateItemRequest occurrenceUpdate(Alert alert, String fingerprint, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        openingAttributes(alert, fingerprint, IncidentIds.newId(now), now).forEach((name, value) -> {
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
            Instant now) {
        Incident resolved = Incident.fromItem(resolvedItem);
        archive(resolvedItem, resolved.incidentId());
        Map<String, AttributeValue> item = new HashMap<>(ItemKeys.incident(fingerprint));
        item.putAll(openingAttributes(alert, fingerprint, IncidentIds.newId(now), now));
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
            return Optional.of(new RecordResult(Incident.fromItem(item), false));
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

    /** The attributes an incident gets when it opens, and keeps for its whole life. */
    private static Map<String, AttributeValue> openingAttributes(Alert alert, String fingerprint, String incidentId,
            Instant now) {
        String openedAt = Timestamps.format(now);
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
