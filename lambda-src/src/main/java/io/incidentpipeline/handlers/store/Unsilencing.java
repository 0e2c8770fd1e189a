package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The {@link DueWork#UNSILENCE} work: when a silence ends (or is deleted), each incident it covered
 * that is still open or acknowledged loses its silence and is announced {@code Incident Unsilenced}.
 *
 * <p>One conditional {@code UpdateItem} of the incident's head item, on condition that it is still
 * that incident, not resolved, and still under that silence: it removes {@code silenceId} and
 * {@code silencedUntil} and marks the change pending ({@link Announcement#UNSILENCED}). The
 * condition holds once, so two regions' sweepers that find the same covered-incident item unsilence
 * it once; the change then reaches the bus through the stream, like every other change (and is
 * taken over by another region's sweeper if this one is lost). Then the covered-incident item is
 * marked done, whatever the outcome.
 *
 * <p>A silence deleted before its end also releases the incident's escalation: a level that fell
 * due during the silence waits for {@code silencedUntil} ({@code dueAt} set to it), so the
 * escalation item's {@code dueAt}, if still exactly that, becomes now (one conditional
 * {@code UpdateItem}); the next sweep fires the level.
 */
public final class Unsilencing {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param region    this sweeper's region, written as {@code writtenRegion} so its publisher announces the change
     */
    public Unsilencing(DynamoDbClient dynamoDb, String tableName, String region) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
    }

    /**
     * Unsilences the incident of the covered-incident item at {@code key}, if it is due at {@code now}.
     *
     * @return whether this call unsilenced the incident
     */
    public boolean unsilence(Map<String, AttributeValue> key, Instant now) {
        Map<String, AttributeValue> covered = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)).item();
        AttributeValue dueAt = covered == null ? null : covered.get(DueWork.AT);
        // The index is eventually consistent: the work may have been done since.
        if (dueAt == null || dueAt.s() == null || dueAt.s().compareTo(Timestamps.format(now)) > 0) {
            return false;
        }
        boolean unsilenced = unsilenceHead(covered.get("fingerprint").s(), covered.get("coveredIncidentId").s(),
                covered.get(IncidentSilence.ID).s(), now);
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key)
                .updateExpression("SET #at = :nothing")
                .expressionAttributeNames(Map.of("#at", DueWork.AT))
                .expressionAttributeValues(Map.of(":nothing", AttributeValue.fromS(DueWork.NOTHING))));
        return unsilenced;
    }

    private boolean unsilenceHead(String fingerprint, String incidentId, String silenceId, Instant now) {
        Map<String, String> names = new HashMap<>(Map.of("#incidentId", "incidentId", "#status", "status",
                "#silenceId", IncidentSilence.ID, "#until", IncidentSilence.UNTIL, "#playbooks", IncidentSilence.PLAYBOOKS,
                "#updatedAt", "updatedAt", "#changedBy", "changedBy", "#writtenRegion", "writtenRegion",
                "#changeNote", "changeNote"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":id", AttributeValue.fromS(incidentId),
                ":silenceId", AttributeValue.fromS(silenceId),
                ":resolved", AttributeValue.fromS(IncidentStatus.RESOLVED.name()),
                ":now", AttributeValue.fromS(Timestamps.format(now)),
                ":actor", AttributeValue.fromS("silence:" + silenceId),
                ":region", AttributeValue.fromS(region)));
        String expression = "SET #updatedAt = :now, #changedBy = :actor, #writtenRegion = :region, "
                + Announcement.UNSILENCED.setPending(now, names, values)
                + " REMOVE #silenceId, #until, #playbooks, #changeNote, " + Announcement.removeClaimMark(names);
        try {
            AttributeValue until = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(ItemKeys.incident(fingerprint))
                    .updateExpression(expression)
                    .conditionExpression("#incidentId = :id AND #status <> :resolved AND #silenceId = :silenceId")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_OLD)).attributes().get(IncidentSilence.UNTIL);
            if (until != null && until.s() != null && until.s().compareTo(Timestamps.format(now)) > 0) {
                releaseEscalation(incidentId, until.s(), now);
            }
            return true;
        } catch (ConditionalCheckFailedException resolvedOrDone) {
            // Resolved meanwhile (nothing to announce), replaced, or unsilenced by another region's sweeper.
            return false;
        }
    }

    /** Makes a level the silence postponed to {@code until} due {@code now}, if the escalation still waits for it. */
    private void releaseEscalation(String incidentId, String until, Instant now) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(ItemKeys.escalation(incidentId))
                    .updateExpression("SET #at = :now")
                    .conditionExpression("#kind = :escalate AND #at = :until AND attribute_not_exists(#firing)")
                    .expressionAttributeNames(Map.of("#at", DueWork.AT, "#kind", DueWork.KIND, "#firing", "firing"))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.format(now)),
                            ":escalate", AttributeValue.fromS(DueWork.ESCALATE), ":until", AttributeValue.fromS(until))));
        } catch (ConditionalCheckFailedException notPostponed) {
            // No escalation, a level not yet due (it fires at its own time), or one already moved on.
        }
    }
}
