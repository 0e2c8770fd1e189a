package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The hot counters of an open incident, apart from its descriptive item: a duplicate alert adds one
 * to a small tally item ({@code TALLY#<incidentId>#<shard>}/{@code TALLY}: {@code occurrences},
 * {@code lastSeenAt}, and {@code closed} once the incident is resolved), one write unit however
 * large the incident is. The tally is split over {@value #SHARDS} items with their own partition
 * keys, chosen at random per duplicate, so a storm on one fingerprint spreads over
 * {@value #SHARDS} partitions: {@value #SHARDS} × 1,000 duplicates/s before DynamoDB's per-partition
 * ceiling.
 *
 * <p>An incident's {@code occurrences} is its item's count (the alerts recorded on the item itself:
 * its opening, and the few that took the slow path) plus its tallies; its {@code lastSeenAt} the
 * later of the two. Every reader that shows counts goes through {@link #overlay}.
 */
public final class Tallies {
    /** How many tally items, each its own partition, share an incident's duplicates. */
    public static final int SHARDS = 2;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     */
    public Tallies(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * Counts one duplicate of an open incident on one of its tallies.
     *
     * @return that tally's count after it, or empty once the incident's tallies are closed (it was resolved)
     */
    public OptionalLong count(String incidentId, Instant now) {
        int shard = ThreadLocalRandom.current().nextInt(SHARDS);
        try {
            Map<String, AttributeValue> tally = dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.tally(incidentId, shard))
                    .updateExpression("SET #lastSeenAt = :now ADD #occurrences :one")
                    .conditionExpression("attribute_not_exists(#closed)")
                    .expressionAttributeNames(Map.of("#lastSeenAt", "lastSeenAt", "#occurrences", "occurrences",
                            "#closed", "closed"))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.format(now)),
                            ":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return OptionalLong.of(Long.parseLong(tally.get("occurrences").n()));
        } catch (ConditionalCheckFailedException closed) {
            return OptionalLong.empty();
        }
    }

    /** Closes the incident's tallies once it is resolved: a later duplicate takes the incident's own path. */
    public void close(String incidentId) {
        for (int shard = 0; shard < SHARDS; shard++) {
            int key = shard;
            dynamoDb.updateItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.tally(incidentId, key))
                    .updateExpression("SET #closed = :true")
                    .expressionAttributeNames(Map.of("#closed", "closed"))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        }
    }

    /** @return the incident with its tallies added: all its occurrences, and its latest sighting */
    public Incident overlay(Incident incident) {
        long occurrences = incident.occurrences();
        Instant lastSeenAt = incident.lastSeenAt();
        for (int shard = 0; shard < SHARDS; shard++) {
            int key = shard;
            Map<String, AttributeValue> tally = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(ItemKeys.tally(incident.incidentId(), key))).item();
            if (tally == null || !tally.containsKey("occurrences")) {
                continue;
            }
            occurrences += Long.parseLong(tally.get("occurrences").n());
            Instant seen = Optional.ofNullable(tally.get("lastSeenAt")).map(v -> Instant.parse(v.s())).orElse(lastSeenAt);
            lastSeenAt = seen.isAfter(lastSeenAt) ? seen : lastSeenAt;
        }
        return incident.withCounts(occurrences, lastSeenAt);
    }
}
