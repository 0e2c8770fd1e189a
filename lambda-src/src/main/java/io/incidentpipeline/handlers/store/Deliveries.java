package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Remembers the delivery ids that sources put on their deliveries (PagerDuty's {@code event.id},
 * EventBridge's {@code id}, SNS's {@code MessageId}, the generic webhook's
 * {@code X-Incident-Delivery-Id}) so that a redelivery changes nothing.
 *
 * <p>A delivery is one small item {@code DELIVERY#<source>#<id>}/{@code DELIVERY} (1 WCU), claimed
 * with a conditional {@code PutItem} before the alert is recorded. Storage is bounded: each item
 * carries {@code expiresAt} (epoch seconds), the table's TTL attribute, so DynamoDB deletes it after
 * the retention. TTL deletes lazily (typically within days), so the claim treats an item whose
 * {@code expiresAt} has passed as absent. A claim whose alert then fails to record is released (its
 * {@code expiresAt} set to the past), so the sender's retry is recorded rather than taken for a
 * redelivery.
 */
public final class Deliveries {
    /** The table's TTL attribute: epoch seconds after which DynamoDB may delete the item. */
    public static final String EXPIRES_AT = "expiresAt";
    private static final String UNCLAIMED = "attribute_not_exists(#pk) OR #expiresAt < :now";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration retention;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param retention how long a delivery id is remembered: at least as long as deliveries are accepted
     */
    public Deliveries(DynamoDbClient dynamoDb, String tableName, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.retention = retention;
    }

    /**
     * Records a delivery once: claims its id, then runs {@code record}; a failure of {@code record}
     * releases the claim (a failure to release is added to it as suppressed) and propagates.
     *
     * @param deliveryId the delivery's id, or {@code null} when the source sent none: {@code record} just runs
     * @return what {@code record} returned, or empty when the id was claimed before (a redelivery)
     */
    public <T> Optional<T> once(String source, String deliveryId, Instant now, Supplier<T> record) {
        if (deliveryId == null) {
            return Optional.of(record.get());
        }
        if (!claim(source, deliveryId, now)) {
            return Optional.empty();
        }
        try {
            return Optional.of(record.get());
        } catch (RuntimeException failed) {
            try {
                release(source, deliveryId);
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
    }

    /**
     * Claims a delivery: the first claim of an id within the retention wins, every later one loses.
     *
     * @return whether this is the first delivery of {@code deliveryId} from {@code source}
     */
    boolean claim(String source, String deliveryId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(ItemKeys.delivery(source, deliveryId));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        item.put("receivedAt", AttributeValue.fromS(Timestamps.format(now)));
        try {
            dynamoDb.putItem(b -> b
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression(UNCLAIMED)
                    .expressionAttributeNames(Map.of("#pk", ItemKeys.PK, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException seen) {
            return false;
        }
    }

    /**
     * Releases a claim whose alert could not be recorded, so that the sender's retry counts as a
     * first delivery.
     */
    void release(String source, String deliveryId) {
        dynamoDb.updateItem(b -> b
                .tableName(tableName)
                .key(ItemKeys.delivery(source, deliveryId))
                .updateExpression("SET #expiresAt = :past")
                .expressionAttributeNames(Map.of("#expiresAt", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":past", AttributeValue.fromN("0"))));
    }
}
