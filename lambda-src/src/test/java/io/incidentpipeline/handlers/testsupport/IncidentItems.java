package io.incidentpipeline.handlers.testsupport;

import io.incidentpipeline.handlers.store.ItemKeys;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the incident an incident event describes into the table, as the ingest handler would
 * have: playbooks read the incident from the table, never from the event.
 */
public final class IncidentItems {
    private IncidentItems() {
    }

    /** Puts the current-incident item ({@code FP#<fingerprint>/INCIDENT}) of the event's {@code detail}. */
    public static void putFromEvent(DynamoDbClient dynamoDb, String table, Map<String, Object> event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        Map<String, AttributeValue> item = new HashMap<>(ItemKeys.incident((String) detail.get("fingerprint")));
        detail.forEach((name, value) -> {
            if (name.equals("region")) {
                item.put("writtenRegion", AttributeValue.fromS((String) value));
            } else {
                item.put(name, attribute(value));
            }
        });
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    private static AttributeValue attribute(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put((String) k, attribute(v)));
            return AttributeValue.fromM(m);
        }
        if (value instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(IncidentItems::attribute).toList());
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (value instanceof Number n) {
            return AttributeValue.fromN(n.toString());
        }
        return AttributeValue.fromS(String.valueOf(value));
    }
}
