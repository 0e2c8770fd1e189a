package io.incidentpipeline.handlers.testsupport;

import io.incidentpipeline.handlers.store.IncidentLifecycle;
import io.incidentpipeline.handlers.store.IncidentQueries;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.store.Transition;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An operator's transition of a fingerprint's current incident, through the real {@link IncidentLifecycle}. */
public final class IncidentTransitions {
    /** The IAM principal the tests' operator acts as. */
    public static final String OPERATOR = "arn:aws:iam::123456789012:user/oncall-alice";

    private IncidentTransitions() {
    }

    /** @return the item after the transition to ACKNOWLEDGED or RESOLVED */
    public static Map<String, AttributeValue> transition(DynamoDbClient dynamoDb, String table, String fingerprint,
            IncidentStatus status, Instant at) {
        String incidentId = dynamoDb.getItem(b -> b.tableName(table).key(ItemKeys.incident(fingerprint))
                .consistentRead(true)).item().get("incidentId").s();
        IncidentLifecycle lifecycle = new IncidentLifecycle(dynamoDb, table, Dynalite.REGION,
                new IncidentQueries(dynamoDb, table, IndexNames.DEFAULT));
        IncidentLifecycle.Result result = lifecycle.apply(incidentId,
                status == IncidentStatus.ACKNOWLEDGED ? Transition.ACKNOWLEDGE : Transition.RESOLVE, OPERATOR, null, at)
                .orElseThrow(() -> new IllegalStateException("no incident " + incidentId));
        if (result.outcome() != IncidentLifecycle.Outcome.CHANGED) {
            throw new IllegalStateException("transition to " + status + " was " + result.outcome());
        }
        return dynamoDb.getItem(b -> b.tableName(table).key(ItemKeys.incident(fingerprint)).consistentRead(true)).item();
    }
}
