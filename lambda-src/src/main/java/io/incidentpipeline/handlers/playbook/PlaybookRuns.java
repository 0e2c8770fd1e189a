package io.incidentpipeline.handlers.playbook;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Announcement;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The run records of one playbook ({@code INC#<incidentId>/PLAYBOOK#<name>}): a playbook claims an
 * incident before acting on it, with a conditional put, so a redelivered event (EventBridge and
 * its retries deliver at least once) acts once.
 *
 * <p>Claiming first makes a remediation run at most once: a run that fails after its claim is not
 * repeated by a redelivery; its result records the failure, and the publisher announces it as
 * {@code Playbook Failed} for a person to act on.
 *
 * <p>The run record is the playbook's entry on the incident's timeline: {@link #finish} adds the
 * result ({@code outcome}, {@code summary}, {@code changes}, {@code dryRun}, {@code finishedAt}).
 */
public final class PlaybookRuns {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String playbookName;
    private final String region;

    /**
     * @param dynamoDb     the client; its region is written into the record
     * @param tableName    the incident table
     * @param playbookName the playbook, as in {@code PLAYBOOK_NAME}
     */
    public PlaybookRuns(DynamoDbClient dynamoDb, String tableName, String playbookName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.playbookName = playbookName;
        this.region = dynamoDb.serviceClientConfiguration().region().id();
    }

    /** @return the playbook whose runs these are */
    public String playbookName() {
        return playbookName;
    }

    /**
     * Records that this playbook runs for an incident, unless it already has.
     *
     * @param incidentId the incident
     * @param eventId    the event that triggered the run, kept for tracing
     * @param detailType the event's {@code detail-type}
     * @param dryRun     whether the playbook only reports what it would change
     * @param now        when
     * @return {@code true} when this call claimed the run; {@code false} when the playbook already ran
     */
    public boolean claim(String incidentId, String eventId, String detailType, boolean dryRun, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(ItemKeys.playbookRun(incidentId, playbookName));
        item.put("incidentId", AttributeValue.fromS(incidentId));
        item.put("playbook", AttributeValue.fromS(playbookName));
        item.put("eventId", AttributeValue.fromS(eventId));
        item.put("detailType", AttributeValue.fromS(detailType));
        item.put("startedAt", AttributeValue.fromS(Timestamps.format(now)));
        item.put("writtenRegion", AttributeValue.fromS(region));
        item.put("dryRun", AttributeValue.fromBool(dryRun));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyRan) {
            return false;
        }
    }

    /**
     * Records the result of the run this event claimed, once: on condition that the record is that
     * event's claim and has no outcome yet.
     *
     * @return {@code false} when the record already holds an outcome (a redelivered finish)
     */
    public boolean finish(String incidentId, String eventId, PlaybookResult result, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":outcome", AttributeValue.fromS(result.succeeded() ? "SUCCEEDED" : "FAILED"));
        values.put(":summary", AttributeValue.fromS(result.summary()));
        values.put(":changes", AttributeValue.fromL(result.changes().stream().map(AttributeValue::fromS).toList()));
        values.put(":finishedAt", AttributeValue.fromS(Timestamps.format(now)));
        values.put(":region", AttributeValue.fromS(region));
        values.put(":eventId", AttributeValue.fromS(eventId));
        Map<String, String> names = new HashMap<>();
        String expression = "SET outcome = :outcome, summary = :summary, changes = :changes,"
                + " finishedAt = :finishedAt, writtenRegion = :region, " + Announcement.RESULT.setPending(now, names, values)
                + " REMOVE " + Announcement.removeClaimMark(names);
        try {
            dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.playbookRun(incidentId, playbookName))
                    .updateExpression(expression)
                    .conditionExpression("eventId = :eventId AND attribute_not_exists(outcome)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadyFinished) {
            return false;
        }
    }
}
