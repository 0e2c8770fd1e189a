package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Work that falls due at a time and must be done once, by whichever region gets to it: the
 * mechanism behind the announcement takeover and the escalation levels.
 *
 * <p>An item that carries due work has {@value #KIND} (what kind of work, e.g. {@value #ANNOUNCE})
 * and {@value #AT} (when it falls due, ISO-8601). The keys-only index {@link IndexNames#DUE_WORK}
 * on these two attributes lets a sweeper find every item due before a time with one {@code Query}
 * per kind, never a scan. The work itself is claimed with a conditional write on the item
 * ({@link Announcement}), so two regions that find the same item do it once.
 *
 * <p>When an item's work is done its {@value #AT} becomes {@value #NOTHING}, which sorts after
 * every instant: the item keeps its index entry but no sweep selects it. (Removing the attribute
 * would be cheaper by one index write, but the dedup write sets {@value #AT} with
 * {@code if_not_exists}, and would set it again on the next duplicate.)
 */
public final class DueWork {
    /** The attribute that names the kind of due work: the index's partition key. */
    public static final String KIND = "due";
    /** The attribute that holds when the work falls due: the index's sort key. */
    public static final String AT = "dueAt";
    /** {@value #AT} of an item with no due work: after every ISO-8601 instant, so no sweep selects it. */
    public static final String NOTHING = "NONE";
    /** The kind of an item with a change nobody has announced yet. */
    public static final String ANNOUNCE = "ANNOUNCE";
    /** The kind of an incident's escalation item whose next level falls due at {@value #AT}. */
    public static final String ESCALATE = "ESCALATE";
    /**
     * The kind of a silence's covered-incident item ({@link Silences}): due when the silence ends,
     * when the incident, if still open, is announced {@code Incident Unsilenced}.
     */
    public static final String UNSILENCE = "UNSILENCE";

    private DueWork() {
    }

    /** @return the two attributes that make an item due for {@code kind} at {@code at} */
    public static Map<String, AttributeValue> dueAt(String kind, Instant at) {
        return Map.of(KIND, AttributeValue.fromS(kind), AT, AttributeValue.fromS(Timestamps.format(at)));
    }

    /**
     * Finds the items with work of one kind due at or before {@code cutoff}, oldest first.
     *
     * @param limit the most keys to return: a sweep takes a bounded bite and leaves the rest to the next
     * @return their table keys ({@code pk}, {@code sk})
     */
    public static List<Map<String, AttributeValue>> dueBefore(DynamoDbClient dynamoDb, String tableName, String indexName,
            String kind, Instant cutoff, int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b
                    .tableName(tableName)
                    .indexName(indexName)
                    .keyConditionExpression("#kind = :kind AND #at <= :cutoff")
                    .expressionAttributeNames(Map.of("#kind", KIND, "#at", AT))
                    .expressionAttributeValues(Map.of(":kind", AttributeValue.fromS(kind),
                            ":cutoff", AttributeValue.fromS(Timestamps.format(cutoff))))
                    .limit(limit - keys.size())
                    .exclusiveStartKey(from));
            page.items().forEach(item -> keys.add(Map.of(ItemKeys.PK, item.get(ItemKeys.PK), ItemKeys.SK, item.get(ItemKeys.SK))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && keys.size() < limit);
        return keys;
    }
}
