package io.incidentpipeline.handlers.playbook;

import io.incidentpipeline.handlers.common.Timestamps;
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
 * repeated by a redelivery, so a playbook whose action can fail logs the failure for a person.
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
     * @param now        when
     * @return {@code true} when this call claimed the run; {@code false} when the playbook already ran
     */
    public boolean claim(String incidentId, String eventId, String detailType, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(ItemKeys.playbookRun(incidentId, playbookName));
        item.put("incidentId", AttributeValue.fromS(incidentId));
        item.put("playbook", AttributeValue.fromS(playbookName));
        item.put("eventId", AttributeValue.fromS(eventId));
        item.put("detailType", AttributeValue.fromS(detailType));
        item.put("startedAt", AttributeValue.fromS(Timestamps.format(now)));
        item.put("writtenRegion", AttributeValue.fromS(region));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyRan) {
            return false;
        }
    }
}
