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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The run records of one playbook ({@code INC#<incidentId>/PLAYBOOK#<name>}). A run claims the
 * incident with a lease before acting, so that however often EventBridge and Lambda deliver the
 * event, the playbook acts once at a time and records one result:
 * <ul>
 *   <li>{@link #claim} succeeds when there is no record yet, or when the record has no result and
 *       its lease ran out (the run that held it died: a crash, a timeout), and counts the attempt;</li>
 *   <li>while a lease is held, or once the record holds a result, a claim fails and says which;</li>
 *   <li>{@link #finish} records the result once, and only for the attempt that holds the lease.</li>
 * </ul>
 * The run record is the playbook's entry on the incident's timeline: the result ({@code outcome},
 * {@code summary}, {@code changes}, {@code finishedAt}) is what the publisher announces as
 * {@code Playbook Succeeded | Failed | Skipped}.
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
     * What a claim found.
     *
     * @param claimed        whether this call holds the lease now
     * @param attempt        when claimed, which attempt this is (1 for the first)
     * @param finished       when not claimed: whether the record already holds a result
     * @param leaseExpiresAt when not claimed and not finished: until when another attempt holds the lease
     */
    public record Claim(boolean claimed, int attempt, boolean finished, String leaseExpiresAt) {
    }

    /**
     * Claims the run of this playbook for an incident, unless it has a result or another attempt
     * holds its lease.
     *
     * @param incidentId the incident
     * @param eventId    the event that triggered the run, kept for tracing
     * @param detailType the event's {@code detail-type}
     * @param dryRun     whether the playbook only reports what it would change
     * @param now        when
     * @param leaseUntil until when this attempt holds the run: no later than the invocation can live
     * @return whether this call holds the run now, and if not, whether the run has a result
     */
    public Claim claim(String incidentId, String eventId, String detailType, boolean dryRun, Instant now,
            Instant leaseUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":incidentId", AttributeValue.fromS(incidentId));
        values.put(":playbook", AttributeValue.fromS(playbookName));
        values.put(":eventId", AttributeValue.fromS(eventId));
        values.put(":detailType", AttributeValue.fromS(detailType));
        values.put(":now", AttributeValue.fromS(Timestamps.format(now)));
        values.put(":until", AttributeValue.fromS(Timestamps.format(leaseUntil)));
        values.put(":region", AttributeValue.fromS(region));
        values.put(":dryRun", AttributeValue.fromBool(dryRun));
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":one", AttributeValue.fromN("1"));
        try {
            Map<String, AttributeValue> run = dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.playbookRun(incidentId, playbookName))
                    .updateExpression("SET incidentId = :incidentId, playbook = :playbook, eventId = :eventId,"
                            + " detailType = :detailType, startedAt = if_not_exists(startedAt, :now),"
                            + " leaseExpiresAt = :until, writtenRegion = :region, dryRun = :dryRun,"
                            + " attempts = if_not_exists(attempts, :zero) + :one")
                    // Timestamps.format is fixed-width UTC, so its strings order as the instants do.
                    .conditionExpression("attribute_not_exists(pk)"
                            + " OR (attribute_not_exists(outcome) AND leaseExpiresAt < :now)")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new Claim(true, Integer.parseInt(run.get("attempts").n()), false, null);
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> run = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(ItemKeys.playbookRun(incidentId, playbookName)).consistentRead(true)).item();
            boolean finished = run != null && run.containsKey("outcome");
            String until = run == null || !run.containsKey("leaseExpiresAt") ? null : run.get("leaseExpiresAt").s();
            return new Claim(false, 0, finished, until);
        }
    }

    /**
     * Records the result of the attempt that holds the run, once: on condition that the record has
     * no result yet and that no later attempt took it over.
     *
     * @param incidentId the incident
     * @param attempt    the attempt {@link #claim} returned
     * @param result     how the run ended
     * @param now        when
     * @return {@code false} when the record already holds a result or a later attempt holds it
     */
    public boolean finish(String incidentId, int attempt, PlaybookResult result, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":outcome", AttributeValue.fromS(result.outcome().name()));
        values.put(":summary", AttributeValue.fromS(result.summary()));
        values.put(":changes", AttributeValue.fromL(result.changes().stream().map(AttributeValue::fromS).toList()));
        values.put(":finishedAt", AttributeValue.fromS(Timestamps.format(now)));
        values.put(":region", AttributeValue.fromS(region));
        values.put(":attempt", AttributeValue.fromN(Integer.toString(attempt)));
        Map<String, String> names = new HashMap<>();
        // The result is an announceable change: marked pending for the takeover sweep, any claim mark removed.
        String expression = "SET outcome = :outcome, summary = :summary, changes = :changes,"
                + " finishedAt = :finishedAt, writtenRegion = :region, " + Announcement.RESULT.setPending(now, names, values)
                + " REMOVE leaseExpiresAt, " + Announcement.removeClaimMark(names);
        try {
            dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.playbookRun(incidentId, playbookName))
                    .updateExpression(expression)
                    .conditionExpression("attempts = :attempt AND attribute_not_exists(outcome)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException alreadyFinished) {
            return false;
        }
    }
}
