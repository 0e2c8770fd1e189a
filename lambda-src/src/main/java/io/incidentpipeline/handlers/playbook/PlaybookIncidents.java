package io.incidentpipeline.handlers.playbook;

import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the incident an event names, strongly consistent and by key (two {@code GetItem}s at most,
 * no index): its fingerprint's current item when that is still this incident, else its archived
 * copy, which a resolved incident gets when a new one replaces it. An event naming an id and a
 * fingerprint that do not belong together finds nothing.
 */
public final class PlaybookIncidents {
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     */
    public PlaybookIncidents(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * @param reference the incident an event names
     * @return the incident as the table holds it now, if the table has it
     */
    public Optional<Incident> find(IncidentReference reference) {
        return read(ItemKeys.incident(reference.fingerprint()), reference.incidentId())
                .or(() -> read(ItemKeys.archivedIncident(reference.incidentId()), reference.incidentId()))
                .map(Incident::fromItem)
                .filter(incident -> incident.fingerprint().equals(reference.fingerprint()));
    }

    private Optional<Map<String, AttributeValue>> read(Map<String, AttributeValue> key, String incidentId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)).item();
        return item != null && item.containsKey("incidentId") && incidentId.equals(item.get("incidentId").s())
                ? Optional.of(item) : Optional.empty();
    }
}
