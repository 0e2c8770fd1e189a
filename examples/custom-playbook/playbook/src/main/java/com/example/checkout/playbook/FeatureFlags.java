package com.example.checkout.playbook;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The checkout team's feature flags: one item per flag, {@code flag} (key) and {@code enabled}. */
public final class FeatureFlags {
    /** What turning a flag off found. */
    public enum Change {
        /** It was on, and is off now. */
        TURNED_OFF,
        /** It was off already: a redelivery, or someone was faster. */
        ALREADY_OFF,
        /** There is no such flag. */
        UNKNOWN
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /**
     * @param dynamoDb  the client
     * @param tableName the flags table
     */
    public FeatureFlags(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * @param flag the flag
     * @return whether it exists and is on
     */
    public boolean isOn(String flag) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(Map.of("flag", AttributeValue.fromS(flag))).consistentRead(true)).item();
        return item != null && item.containsKey("enabled") && Boolean.TRUE.equals(item.get("enabled").bool());
    }

    /**
     * Turns a flag off, once: conditional on it being on.
     *
     * @param flag       the flag
     * @param incidentId the incident that turned it off, recorded on the flag
     * @return what it found
     */
    public Change turnOff(String flag, String incidentId) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("flag", AttributeValue.fromS(flag)))
                    .updateExpression("SET enabled = :off, turnedOffBy = :incident")
                    .conditionExpression("enabled = :on")
                    .expressionAttributeValues(Map.of(":off", AttributeValue.fromBool(false),
                            ":on", AttributeValue.fromBool(true), ":incident", AttributeValue.fromS(incidentId))));
            return Change.TURNED_OFF;
        } catch (ConditionalCheckFailedException notOn) {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(Map.of("flag", AttributeValue.fromS(flag))).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Change.UNKNOWN : Change.ALREADY_OFF;
        }
    }
}
