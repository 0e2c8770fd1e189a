package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.escalation.Escalations;
import io.incidentpipeline.handlers.store.Announcement;
import io.incidentpipeline.handlers.store.DueWork;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.Tallies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Announces, from any region, the changes of an item that their own region has not announced in
 * time: the {@link DueWork#ANNOUNCE} work of the {@link DueWorkSweeper}.
 *
 * <p>For each change still {@link Announcement#PENDING} (or claimed by this sweeper before, when a
 * previous sweep failed after its claim) it claims the change, writes its timeline entry and puts
 * its event, the same event the owning region would have put; then it marks the item's due work
 * done if nothing of it is pending any more. A change another region's sweeper claimed is left to
 * that sweeper, whose retry needs the item to stay due.
 */
final class AnnouncementTakeover {
    /** The sequence token of a taken-over change's timeline entry (its own region's would be the stream's). */
    static final String TIMELINE_TOKEN = "takeover";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final EventBridgeClient eventBridge;
    private final String eventBusName;
    private final Announcement.Claims claims;
    private final Timeline timeline;
    private final Tallies tallies;
    private final Escalations escalations;
    private final IncidentMetrics metrics;

    /**
     * @param region      this sweeper's region: it claims as {@code sweep@<region>}
     * @param escalations where a taken-over opening or severity escalation starts the incident's escalation
     */
    AnnouncementTakeover(DynamoDbClient dynamoDb, String tableName, EventBridgeClient eventBridge, String eventBusName,
            String region, Escalations escalations) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.eventBridge = eventBridge;
        this.eventBusName = eventBusName;
        this.claims = new Announcement.Claims(dynamoDb, tableName, "sweep@" + region);
        this.timeline = new Timeline(dynamoDb, tableName);
        this.tallies = new Tallies(dynamoDb, tableName);
        this.escalations = escalations;
        this.metrics = new IncidentMetrics(tableName);
    }

    /**
     * Takes over what the item at {@code key} has not announced, if it is still due at {@code cutoff}.
     *
     * @param now when the sweep runs, to log how late the announcement is
     * @return how many changes this call announced
     * @throws RuntimeException when the table or the bus fails; what was claimed stays due and is
     *                          announced by the next sweep
     */
    int takeOver(Map<String, AttributeValue> key, Instant cutoff, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)).item();
        AttributeValue dueAt = item == null ? null : item.get(DueWork.AT);
        // The index is eventually consistent: the item may have been announced since.
        if (dueAt == null || dueAt.s() == null || dueAt.s().compareTo(Timestamps.format(cutoff)) > 0) {
            return 0;
        }
        String incidentId = item.get("incidentId").s();
        int announced = 0;
        boolean leftToAnotherSweeper = false;
        for (Announcement change : Announcement.of(key)) {
            Optional<String> state = change.state(item);
            if (state.isEmpty()) {
                continue;
            }
            boolean ours = state.get().equals(Announcement.PENDING) || state.get().equals(claims.claimant());
            if (ours && claims.claim(key, change, incidentId, false)) {
                announce(change, item, dueAt.s(), now);
                announced++;
            } else if (ours || state.get().startsWith("sweep@")) {
                leftToAnotherSweeper = true;
            }
        }
        if (!leftToAnotherSweeper) {
            claims.settle(key);
        }
        return announced;
    }

    private void announce(Announcement change, Map<String, AttributeValue> item, String dueSince, Instant now) {
        PutEventsRequestEntry entry;
        IncidentEvent announced = null;
        String incidentId = item.get("incidentId").s();
        if (change == Announcement.RESULT) {
            entry = BusEntries.playbookRun(eventBusName, PlaybookRunEvents.fromItem(item));
        } else {
            // Counted as the publisher counts: an opening carries its own occurrence, later changes the tallies too.
            Incident incident = change == Announcement.OPENED ? Incident.fromItem(item)
                    : tallies.overlay(Incident.fromItem(item));
            IncidentEvent event = AnnouncedChanges.event(change, incident);
            Instant at = AnnouncedChanges.at(change, incident);
            timeline.write(Timeline.entries(List.of(
                    new Timeline.Change(event, TIMELINE_TOKEN, at, AnnouncedChanges.status(change, incident)))));
            if (change == Announcement.OPENED) {
                escalations.start(event.incident(), at);
            } else if (change == Announcement.ESCALATED) {
                escalations.restart(event.incident(), at);
            }
            entry = BusEntries.incident(eventBusName, event, at);
            announced = event;
        }
        PutEventsResponse response = eventBridge.putEvents(b -> b.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("The bus rejected the taken-over " + entry.detailType() + " of incident "
                    + incidentId + ": " + response.entries().get(0).errorCode() + " "
                    + response.entries().get(0).errorMessage());
        }
        if (announced != null) {
            metrics.record(announced);
        }
        JsonLog.warn("announcement taken over", "incidentId", incidentId, "detailType", entry.detailType(),
                "writtenRegion", item.get("writtenRegion") == null ? null : item.get("writtenRegion").s(),
                "claimant", claims.claimant(), "eventId", response.entries().get(0).eventId(),
                "lateBySeconds", Duration.between(Instant.parse(dueSince), now).toSeconds());
    }
}
