package io.incidentpipeline.handlers.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads incidents for operators: lists by status (and service) newest first, and one incident by id
 * with its timeline. Every read is a {@code Query} or {@code GetItem}: no path scans the table.
 */
public final class IncidentQueries {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final IndexNames indexes;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param indexes   its index names
     */
    public IncidentQueries(DynamoDbClient dynamoDb, String tableName, IndexNames indexes) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.indexes = indexes;
    }

    /**
     * One page of a listing.
     *
     * @param items   the index items (the attributes the index projects), newest first
     * @param lastKey where the next page starts, or empty after the last page
     */
    public record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {
        public Page {
            items = List.copyOf(items);
            lastKey = Map.copyOf(lastKey);
        }
    }

    /**
     * Lists incidents in one status, newest first: one {@code Query} of {@code byStatus}, or of
     * {@code byService} when a service is given.
     *
     * @param status   the status
     * @param service  only this service's incidents, if present
     * @param limit    at most this many items (1–100)
     * @param startKey the previous page's {@link Page#lastKey()}, or an empty map for the first page
     */
    public Page list(IncidentStatus status, Optional<String> service, int limit, Map<String, AttributeValue> startKey) {
        String index = service.isPresent() ? indexes.byService() : indexes.byStatus();
        String partitionAttribute = service.isPresent() ? "gsi2pk" : "gsi1pk";
        String partition = service.map(status::serviceIndexPartition).orElseGet(status::indexPartition);
        QueryResponse response = dynamoDb.query(b -> b
                .tableName(tableName)
                .indexName(index)
                .keyConditionExpression("#partition = :partition")
                .expressionAttributeNames(Map.of("#partition", partitionAttribute))
                .expressionAttributeValues(Map.of(":partition", AttributeValue.fromS(partition)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(startKey.isEmpty() ? null : startKey));
        return new Page(distinctIncidents(response.items()),
                response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of());
    }

    /**
     * A resolved incident is briefly listed twice while a new alert replaces it (its archived copy
     * and the head item about to be replaced), and stays so if that replacement never happens.
     */
    private static List<Map<String, AttributeValue>> distinctIncidents(List<Map<String, AttributeValue>> items) {
        Set<String> seen = new LinkedHashSet<>();
        List<Map<String, AttributeValue>> distinct = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            if (seen.add(item.get("incidentId").s())) {
                distinct.add(item);
            }
        }
        return distinct;
    }

    /**
     * Finds an incident by id: its current item (the fingerprint's head while it is current, its
     * archived copy once a new incident replaced it), strongly consistent.
     *
     * <p>The {@code byId} index is eventually consistent: an incident opened a moment ago (well under
     * a second, typically) may not be found yet.
     *
     * @return the item, if the incident exists
     */
    public Optional<Map<String, AttributeValue>> findItem(String incidentId) {
        List<Map<String, AttributeValue>> keys = dynamoDb.query(b -> b
                .tableName(tableName)
                .indexName(indexes.byId())
                .keyConditionExpression("incidentId = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(incidentId)))).items();
        // Heads first: while a head still holds the incident it is the item that changes.
        // Heads and archived copies only: the SnapStart priming item has an id but is no incident.
        List<Map<String, AttributeValue>> candidates = keys.stream()
                .filter(key -> ItemKeys.INCIDENT_SK.equals(key.get(ItemKeys.SK).s()))
                .filter(key -> key.get(ItemKeys.PK).s().startsWith(ItemKeys.FINGERPRINT_PREFIX)
                        || key.get(ItemKeys.PK).s().startsWith(ItemKeys.INCIDENT_PREFIX))
                .sorted(Comparator.comparing(key -> key.get(ItemKeys.PK).s().startsWith(ItemKeys.FINGERPRINT_PREFIX) ? 0 : 1))
                .toList();
        for (Map<String, AttributeValue> key : candidates) {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b
                    .tableName(tableName)
                    .key(Map.of(ItemKeys.PK, key.get(ItemKeys.PK), ItemKeys.SK, key.get(ItemKeys.SK)))
                    .consistentRead(true)).item();
            // A head may have been replaced since the index was written: then its archive holds the incident.
            if (item != null && item.containsKey("incidentId") && incidentId.equals(item.get("incidentId").s())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** The most history items one read returns: a noisy incident's timeline can be long. */
    public static final int MAX_HISTORY = 1000;

    /**
     * An incident's history.
     *
     * @param items     timeline entries and playbook run records, oldest first
     * @param truncated whether the incident has more than {@link #MAX_HISTORY} (the oldest ones by key are returned)
     */
    public record History(List<Map<String, AttributeValue>> items, boolean truncated) {
        public History {
            items = List.copyOf(items);
        }
    }

    /** @return the incident's timeline entries and playbook run records: one {@code Query} of its {@code INC#<id>} partition */
    public History history(String incidentId) {
        QueryResponse page = dynamoDb.query(b -> b
                .tableName(tableName)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ItemKeys.INCIDENT_PREFIX + incidentId)))
                .consistentRead(true)
                .limit(MAX_HISTORY + 1));
        List<Map<String, AttributeValue>> items = new ArrayList<>(page.items().stream()
                // The archived copy and the escalation's state are no history.
                .filter(item -> !ItemKeys.INCIDENT_SK.equals(item.get(ItemKeys.SK).s())
                        && !ItemKeys.ESCALATION_SK.equals(item.get(ItemKeys.SK).s()))
                .toList());
        items.sort(Comparator.comparing(IncidentQueries::when));
        boolean truncated = items.size() > MAX_HISTORY || (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
        return new History(items.size() > MAX_HISTORY ? items.subList(0, MAX_HISTORY) : items, truncated);
    }

    /** Timeline entries carry {@code at}, playbook runs {@code startedAt}. */
    private static String when(Map<String, AttributeValue> item) {
        AttributeValue at = item.getOrDefault("at", item.get("startedAt"));
        return at == null || at.s() == null ? "" : at.s();
    }
}
