package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes the incident timeline from the changes the publisher publishes, so that every lifecycle
 * change gets an entry without the ingest function or the operator API writing twice. An entry is
 * an item {@code INC#<incidentId>/TL#<at>#<sequenceNumber>}: {@code type} (opened, acknowledged,
 * resolved, escalated, unsilenced, deescalation-reported), {@code silencedBy} and {@code silencedUntil}
 * on the changes of an incident under a silence (people were not told of them), {@code at}, {@code actor}, {@code status},
 * {@code occurrences}, {@code writtenRegion}, and {@code note} or {@code previousIncidentId} when
 * they apply; an escalation adds {@code severity}, {@code previousSeverity}, {@code title} and
 * {@code previousTitle} (not when a sweeper took the escalation over: the item does not keep the old
 * title), a de-escalation {@code severity} (kept) and {@code reportedSeverity}. Its key
 * is the change's own, so a redelivered batch rewrites the same items.
 *
 * <p>A duplicate alert gets no entry of its own: it changes only the incident's {@code occurrences}
 * and {@code lastSeenAt}, which the incident item keeps exactly and the operator API shows as one
 * summary entry. A noisy alert therefore costs no timeline write and no timeline growth. An alert
 * less urgent than its incident is an update too, but the first one of its severity gets an entry
 * ({@code deescalation-reported}): the severity stays, and the history shows what the source said.
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

    /**
     * A change to record.
     *
     * @param event          the event it was published as
     * @param sequenceNumber its stream sequence number, or another token unique to the change (a takeover's)
     * @param at             when it happened
     * @param status         the status it moved the incident to
     */
    record Change(IncidentEvent event, String sequenceNumber, Instant at, IncidentStatus status) {
        /** A change as its own region's publisher sees it: the incident just after it. */
        Change(IncidentEvent event, String sequenceNumber) {
            this(event, sequenceNumber, event.incident().updatedAt(), event.incident().status());
        }
    }

    /** @return the timeline items of these changes: one per lifecycle change, none for a duplicate */
    static List<Map<String, AttributeValue>> entries(List<Change> changes) {
        return changes.stream()
                .filter(change -> type(change.event()) != null)
                .map(Timeline::entry)
                .toList();
    }

    private static Map<String, AttributeValue> entry(Change change) {
        Incident incident = change.event().incident();
        String type = type(change.event());
        String at = Timestamps.format(change.at());
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                ItemKeys.timelineEntry(incident.incidentId(), at, change.sequenceNumber()));
        item.put("type", AttributeValue.fromS(type));
        item.put("at", AttributeValue.fromS(at));
        item.put("actor", AttributeValue.fromS(incident.changedBy() != null ? incident.changedBy()
                : "alert:" + incident.source()));
        item.put("status", AttributeValue.fromS(change.status().name()));
        item.put("occurrences", AttributeValue.fromN(Long.toString(incident.occurrences())));
        item.put("writtenRegion", AttributeValue.fromS(incident.writtenRegion()));
        if (incident.changeNote() != null && !"opened".equals(type)) {
            item.put("note", AttributeValue.fromS(incident.changeNote()));
        }
        if (incident.silence() != null && !"unsilenced".equals(type)) {
            // "Silenced by …": what people were not told, and until when.
            item.put("silencedBy", AttributeValue.fromS(incident.silence().silenceId()));
            item.put("silencedUntil", AttributeValue.fromS(Timestamps.format(incident.silence().until())));
        }
        if ("unsilenced".equals(type) && change.event().before() != null && change.event().before().silence() != null) {
            item.put("silencedBy", AttributeValue.fromS(change.event().before().silence().silenceId()));
        }
        if ("opened".equals(type) && incident.previousIncidentId() != null) {
            item.put("previousIncidentId", AttributeValue.fromS(incident.previousIncidentId()));
        }
        if ("escalated".equals(type)) {
            // The item keeps the severity before the escalation; the title before it only the stream's old image.
            Incident before = change.event().before();
            item.put("severity", AttributeValue.fromS(incident.severity().value()));
            item.put("previousSeverity", AttributeValue.fromS((before != null ? before.severity()
                    : incident.previousSeverity()).value()));
            item.put("title", AttributeValue.fromS(incident.title()));
            if (before != null) {
                item.put("previousTitle", AttributeValue.fromS(before.title()));
            }
        }
        if ("deescalation-reported".equals(type)) {
            item.put("severity", AttributeValue.fromS(incident.severity().value()));
            item.put("reportedSeverity", AttributeValue.fromS(incident.reportedSeverity().value()));
        }
        return item;
    }

    /** @return the entry type of a change, or {@code null} for a change that gets no entry (a duplicate) */
    private static String type(IncidentEvent event) {
        return switch (event.detailType()) {
            case OPENED -> "opened";
            case ACKNOWLEDGED -> "acknowledged";
            case RESOLVED -> "resolved";
            case ESCALATED -> "escalated";
            case UNSILENCED -> "unsilenced";
            case UPDATED -> isDeescalation(event) ? "deescalation-reported" : null;
        };
    }

    /** @return whether the change recorded a reported severity below the incident's that was not reported before */
    private static boolean isDeescalation(IncidentEvent event) {
        Incident incident = event.incident();
        Incident before = event.before();
        return incident.reportedSeverity() != null && incident.severity().isMoreUrgentThan(incident.reportedSeverity())
                && (before == null || before.reportedSeverity() != incident.reportedSeverity());
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
                    throw new TimelineWriteException(pending.size() + " timeline entries stayed unprocessed after "
                            + MAX_ATTEMPTS + " attempts", null);
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
            throw new TimelineWriteException("interrupted while backing off a throttled timeline write", e);
        }
    }

    /** Timeline entries stayed unwritten (the table throttled them): the batch is retried. */
    static final class TimelineWriteException extends RuntimeException {
        TimelineWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
