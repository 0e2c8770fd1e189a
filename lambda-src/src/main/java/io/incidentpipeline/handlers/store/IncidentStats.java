package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts and response times of the incidents opened in a window, without a scan: per status one
 * {@code Query} of {@code byStatus} (or {@code byService} for one service) on the sort key range
 * {@code gsi1sk >= <since>} (the key starts with {@code openedAt}), which the index already serves
 * for listings; then one {@code BatchGetItem} per 100 acknowledged or resolved incidents for their
 * {@code acknowledgedAt} and {@code resolvedAt}, which the index does not project (projecting them
 * would cost an index write on every transition for a read an operator makes now and then). At most
 * {@value #MAX_INCIDENTS} incidents are read per request, newest first; beyond that the answer says
 * it is truncated.
 */
public final class IncidentStats {
    /** The most incidents one request reads. */
    public static final int MAX_INCIDENTS = 1000;
    private static final int BATCH_GET = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final IndexNames indexes;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param indexes   its index names
     */
    public IncidentStats(DynamoDbClient dynamoDb, String tableName, IndexNames indexes) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.indexes = indexes;
    }

    /**
     * Percentiles of durations, in seconds (nearest rank).
     *
     * @param count how many
     * @param p50   the median, or {@code null} when there are none
     * @param p90   the 90th percentile, or {@code null}
     * @param p99   the 99th percentile, or {@code null}
     * @param max   the longest, or {@code null}
     */
    public record Percentiles(int count, Long p50, Long p90, Long p99, Long max) {
        static Percentiles of(List<Long> seconds) {
            if (seconds.isEmpty()) {
                return new Percentiles(0, null, null, null, null);
            }
            List<Long> sorted = seconds.stream().sorted().toList();
            return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                    sorted.get(sorted.size() - 1));
        }

        private static long rank(List<Long> sorted, int percentile) {
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1);
        }

        /** @return the JSON the API shows */
        public Map<String, Object> toDocument() {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("count", count);
            document.put("p50Seconds", p50);
            document.put("p90Seconds", p90);
            document.put("p99Seconds", p99);
            document.put("maxSeconds", max);
            return document;
        }
    }

    /**
     * The statistics of a window.
     *
     * @param byStatus           incidents per status now
     * @param bySeverity         incidents per severity
     * @param timeToAcknowledge  from opening to acknowledgement, of those acknowledged
     * @param timeToResolve      from opening to resolution, of those resolved
     * @param truncated          whether more than {@value #MAX_INCIDENTS} opened in the window (the newest were counted)
     */
    public record Stats(Map<IncidentStatus, Integer> byStatus, Map<Severity, Integer> bySeverity,
            Percentiles timeToAcknowledge, Percentiles timeToResolve, boolean truncated) {
        /** @return how many incidents opened in the window */
        public int total() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * @param service only this service's incidents, if present
     * @param since   the window's start: incidents opened at or after it
     */
    public Stats of(Optional<String> service, Instant since) {
        Map<IncidentStatus, Integer> byStatus = new EnumMap<>(IncidentStatus.class);
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        List<Map<String, AttributeValue>> transitioned = new ArrayList<>();
        boolean truncated = false;
        int read = 0;
        for (IncidentStatus status : IncidentStatus.values()) {
            byStatus.put(status, 0);
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            truncated |= query(status, service, since, MAX_INCIDENTS - read, items);
            Map<String, Map<String, AttributeValue>> distinct = new LinkedHashMap<>();
            items.forEach(item -> distinct.putIfAbsent(item.get("incidentId").s(), item));
            read += items.size();
            for (Map<String, AttributeValue> item : distinct.values()) {
                byStatus.merge(status, 1, Integer::sum);
                Severity.fromValue(item.get("severity").s()).ifPresent(s -> bySeverity.merge(s, 1, Integer::sum));
                if (status != IncidentStatus.OPEN) {
                    transitioned.add(Map.of(ItemKeys.PK, item.get(ItemKeys.PK), ItemKeys.SK, item.get(ItemKeys.SK)));
                }
            }
        }
        List<Long> toAcknowledge = new ArrayList<>();
        List<Long> toResolve = new ArrayList<>();
        for (Map<String, AttributeValue> item : times(transitioned)) {
            Instant openedAt = Instant.parse(item.get("openedAt").s());
            seconds(openedAt, item.get("acknowledgedAt")).ifPresent(toAcknowledge::add);
            if (IncidentStatus.RESOLVED.name().equals(item.get("status").s())) {
                seconds(openedAt, item.get("resolvedAt")).ifPresent(toResolve::add);
            }
        }
        return new Stats(byStatus, bySeverity, Percentiles.of(toAcknowledge), Percentiles.of(toResolve), truncated);
    }

    /** @return whether the partition had more than {@code budget} items in the window */
    private boolean query(IncidentStatus status, Optional<String> service, Instant since, int budget,
            List<Map<String, AttributeValue>> items) {
        if (budget <= 0) {
            return true;
        }
        String index = service.isPresent() ? indexes.byService() : indexes.byStatus();
        String partitionAttribute = service.isPresent() ? "gsi2pk" : "gsi1pk";
        String partition = service.map(status::serviceIndexPartition).orElseGet(status::indexPartition);
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(tableName).indexName(index)
                    .keyConditionExpression("#partition = :partition AND #sort >= :since")
                    .expressionAttributeNames(Map.of("#partition", partitionAttribute, "#sort", "gsi1sk"))
                    .expressionAttributeValues(Map.of(":partition", AttributeValue.fromS(partition),
                            ":since", AttributeValue.fromS(Timestamps.format(since))))
                    .scanIndexForward(false)
                    .limit(budget - items.size())
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && items.size() < budget);
        return start != null;
    }

    /** @return the items' times, read in batches of {@value #BATCH_GET} (unprocessed keys retried) */
    private List<Map<String, AttributeValue>> times(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(from + BATCH_GET, keys.size())))
                    .projectionExpression("#status, #openedAt, #acknowledgedAt, #resolvedAt")
                    .expressionAttributeNames(new HashMap<>(Map.of("#status", "status", "#openedAt", "openedAt",
                            "#acknowledgedAt", "acknowledgedAt", "#resolvedAt", "resolvedAt")))
                    .build());
            for (int attempt = 0; request != null && !request.isEmpty(); attempt++) {
                if (attempt == 5) {
                    throw new IllegalStateException("the table left keys unprocessed five times; retry the request");
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                items.addAll(response.responses().getOrDefault(tableName, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
            }
        }
        return items;
    }

    private static Optional<Long> seconds(Instant openedAt, AttributeValue at) {
        if (at == null || at.s() == null) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, Duration.between(openedAt, Instant.parse(at.s())).getSeconds()));
    }
}
