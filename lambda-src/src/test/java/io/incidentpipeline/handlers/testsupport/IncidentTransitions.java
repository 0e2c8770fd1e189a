package io.incidentpipeline.handlers.testsupport;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Acknowledges and resolves incidents the way an operator's action will (no handler does it
 * yet): one UpdateItem of the status, its index partition, {@code updatedAt} and {@code writtenRegion}.
 */
public final class IncidentTransitions {
    private IncidentTransitions() {
    }

    /** @return the item after the transition */
    public static Map<String, AttributeValue> transition(DynamoDbClient dynamoDb, String table, String fingerprint,
            IncidentStatus status, Instant at) {
        return dynamoDb.updateItem(b -> b
                .tableName(table)
                .key(ItemKeys.incident(fingerprint))
                .updateExpression("SET #status = :status, gsi1pk = :gsi1pk, updatedAt = :at, writtenRegion = :region")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":status", AttributeValue.fromS(status.name()),
                        ":gsi1pk", AttributeValue.fromS(status.indexPartition()),
                        ":at", AttributeValue.fromS(Timestamps.format(at)),
                        ":region", AttributeValue.fromS(Dynalite.REGION)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
    }
}
