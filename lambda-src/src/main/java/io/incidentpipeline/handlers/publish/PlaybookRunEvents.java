package io.incidentpipeline.handlers.publish;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Decides whether a change of the table is a playbook run's result: a MODIFY of a run record
 * ({@code INC#…/PLAYBOOK#…}) written by this region that gave it an {@code outcome}. Such a change
 * is published as {@code Playbook Succeeded}, {@code Playbook Failed} or {@code Playbook Skipped}, so the result reaches the
 * bus without the playbook writing twice.
 */
final class PlaybookRunEvents {
    static final String SUCCEEDED = "Playbook Succeeded";
    static final String FAILED = "Playbook Failed";
    static final String SKIPPED = "Playbook Skipped";

    private final String region;

    PlaybookRunEvents(String region) {
        this.region = region;
    }

    /**
     * A playbook result event.
     *
     * @param detailType {@value #SUCCEEDED}, {@value #FAILED} or {@value #SKIPPED}
     * @param detail     the run: {@code incidentId}, {@code playbook}, {@code outcome}, {@code dryRun},
     *                   {@code summary}, {@code changes}, {@code startedAt}, {@code finishedAt},
     *                   {@code triggeredBy} (the incident event's id and detail-type), {@code region}
     * @param incidentId the incident the playbook ran for
     * @param finishedAt when the run finished (the event's time)
     */
    record PlaybookRunEvent(String detailType, Map<String, Object> detail, String incidentId, String finishedAt) {
    }

    /**
     * @return the event the record means, or empty when it is not a result of this region's playbooks
     * @throws IllegalArgumentException when a run record's image lacks an attribute results carry
     */
    Optional<PlaybookRunEvent> map(DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (!"MODIFY".equals(record.getEventName()) || change == null || change.getNewImage() == null
                || change.getKeys() == null || change.getKeys().get(ItemKeys.SK) == null
                || !String.valueOf(change.getKeys().get(ItemKeys.SK).getS()).startsWith(ItemKeys.PLAYBOOK_PREFIX)) {
            return Optional.empty();
        }
        boolean newlyFinished = change.getNewImage().containsKey("outcome")
                && (change.getOldImage() == null || !change.getOldImage().containsKey("outcome"));
        if (!newlyFinished) {
            return Optional.empty();
        }
        Map<String, AttributeValue> run = StreamImages.toSdk(change.getNewImage());
        return region.equals(text(run, "writtenRegion")) ? Optional.of(fromItem(run)) : Optional.empty();
    }

    /**
     * @param run a run record that holds a result, as the table or a stream image has it
     * @return the event its result means
     * @throws IllegalArgumentException when the record lacks an attribute results carry
     */
    static PlaybookRunEvent fromItem(Map<String, AttributeValue> run) {
        String outcome = text(run, "outcome");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("incidentId", text(run, "incidentId"));
        detail.put("playbook", text(run, "playbook"));
        detail.put("outcome", outcome);
        detail.put("dryRun", run.get("dryRun") != null && Boolean.TRUE.equals(run.get("dryRun").bool()));
        detail.put("summary", text(run, "summary"));
        List<String> changes = run.get("changes") == null || !run.get("changes").hasL() ? List.of()
                : run.get("changes").l().stream().map(AttributeValue::s).toList();
        detail.put("changes", changes);
        detail.put("startedAt", text(run, "startedAt"));
        detail.put("finishedAt", text(run, "finishedAt"));
        if (run.get("attempts") != null && run.get("attempts").n() != null) {
            detail.put("attempts", Integer.parseInt(run.get("attempts").n()));
        }
        detail.put("triggeredBy", Map.of("eventId", text(run, "eventId"), "detailType", text(run, "detailType")));
        // The region the playbook ran in, whichever region announces the result.
        detail.put("region", text(run, "writtenRegion"));
        String detailType = switch (outcome) {
            case "SUCCEEDED" -> SUCCEEDED;
            case "SKIPPED" -> SKIPPED;
            default -> FAILED;
        };
        return new PlaybookRunEvent(detailType, detail, text(run, "incidentId"), text(run, "finishedAt"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalArgumentException("playbook run record without string attribute '" + name + "'");
        }
        return value.s();
    }
}
