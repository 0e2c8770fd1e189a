package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes the incident timeline from the changes the publisher publishes, so that every change gets
 * an entry without the ingest function or the operator API writing twice. An entry is an item
 * {@code INC#<incidentId>/TL#<at>#<sequenceNumber>}: {@code type} (opened, occurrence, acknowledged,
 * resolved), {@code at}, {@code actor}, {@code status}, {@code occurrences}, {@code writtenRegion},
 * and {@code note}, {@code previousIncidentId} or {@code count} when they apply.
 *
 * <p>Duplicates of one incident within a batch share one {@code occurrence} entry whose {@code count}
 * says how many they were: a noisy alert costs one timeline write per batch, not one per delivery.
 * The key is the change's own (the last one's, for a shared entry), so a redelivered batch rewrites
 * the same items; only a batch split differently on redelivery can leave two overlapping occurrence
 * entries, while the incident's {@code occurrences} stays exact.
 */
final class Timeline {
    /** The most items one {@code BatchWriteItem} call takes. */
    static final int MAX_BATCH = 25;
    private static final int MAX_ATTEMPTS = 4;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    Timeline(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** A change to record: the event it was published as, and its stream sequence number. */
    record Change(IncidentEvent event, String sequenceNumber) {
    }

    /** @return the timeline items of these changes, in order, duplicates of one incident sharing one */
    static List<Map<String, AttributeValue>> entries(List<Change> changes) {
        Map<String, Map<String, AttributeValue>> openOccurrence = new HashMap<>();
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        for (Change change : changes) {
            Incident incident = change.event().incident();
            if (change.event().detailType() != DetailType.UPDATED) {
                openOccurrence.remove(incident.incidentId());
                entries.add(entry(change, type(change.event().detailType())));
                continue;
            }
            Map<String, AttributeValue> shared = openOccurrence.get(incident.incidentId());
            if (shared == null) {
                shared = entry(change, "occurrence");
                shared.put("count", AttributeValue.fromN("1"));
                openOccurrence.put(incident.incidentId(), shared);
                entries.add(shared);
                continue;
            }
            // The later change re-keys the shared entry, as if it alone had been recorded last.
            Map<String, AttributeValue> latest = entry(change, "occurrence");
            latest.put("count", AttributeValue.fromN(Long.toString(Long.parseLong(shared.get("count").n()) + 1)));
            shared.clear();
            shared.putAll(latest);
        }
        return entries;
    }

    private static Map<String, AttributeValue> entry(Change change, String type) {
        Incident incident = change.event().incident();
        String at = Timestamps.format(incident.updatedAt());
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                ItemKeys.timelineEntry(incident.incidentId(), at, change.sequenceNumber()));
        item.put("type", AttributeValue.fromS(type));
        item.put("at", AttributeValue.fromS(at));
        item.put("actor", AttributeValue.fromS(incident.changedBy() != null ? incident.changedBy()
                : "alert:" + incident.source()));
        item.put("status", AttributeValue.fromS(incident.status().name()));
        item.put("occurrences", AttributeValue.fromN(Long.toString(incident.occurrences())));
        item.put("writtenRegion", AttributeValue.fromS(incident.writtenRegion()));
        if (incident.changeNote() != null && Set.of("acknowledged", "resolved").contains(type)) {
            item.put("note", AttributeValue.fromS(incident.changeNote()));
        }
        if ("opened".equals(type) && incident.previousIncidentId() != null) {
            item.put("previousIncidentId", AttributeValue.fromS(incident.previousIncidentId()));
        }
        return item;
    }

    private static String type(DetailType detailType) {
        return switch (detailType) {
            case OPENED -> "opened";
            case ACKNOWLEDGED -> "acknowledged";
            case RESOLVED -> "resolved";
            case UPDATED -> "occurrence";
        };
    }

    /**
     * Writes the entries, in calls of at most {@value #MAX_BATCH}, retrying what DynamoDB leaves
     * unprocessed a few times.
     *
     * @throws TimelineWriteException when some entries stay unwritten; SDK exceptions propagate
     */
    void write(List<Map<String, AttributeValue>> entries) {
        for (int from = 0; from < entries.size(); from += MAX_BATCH) {
            List<WriteRequest> pending = entries.subList(from, Math.min(from + MAX_BATCH, entries.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new TimelineWriteException(pending.size());
                }
                if (attempt > 1) {
                    backOff(attempt);
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(tableName, batch)));
                pending = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(tableName, List.of()) : List.of();
            }
        }
    }

    /** Waits 25, 50, 100 ms before the 2nd, 3rd and 4th attempt: what DynamoDB asks of a caller it throttles. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(25L << (attempt - 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimelineWriteException(-1);
        }
    }

    /** Some timeline entries stayed unprocessed (the table throttled them): the batch is retried. */
    static final class TimelineWriteException extends RuntimeException {
        TimelineWriteException(int unwritten) {
            super(unwritten + " timeline entries stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
        }
    }
}
