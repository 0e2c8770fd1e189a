package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The silences in force, and the incidents they cover (docs/CONTRACTS.md, "Silences").
 *
 * <h2>Storage</h2>
 * Every silence made through the operator API is one map attribute, named by its id, of a single
 * item {@code SILENCES/SILENCES}: creating or deleting one is one conditional {@code UpdateItem}. At
 * most {@value #MAX_SILENCES} silences that have not ended keep the item far below DynamoDB's
 * 400 KB; ended ones are removed by the next create. The planned windows of {@code cdk.json} are the
 * attributes ({@code planned:<name>}) of a second item, {@code SILENCES/PLANNED}, which the deployment
 * writes whole (the {@code PlannedSilences} construct). Reading every silence is two {@code GetItem}s:
 * no index, no scan.
 *
 * <h2>Cost per alert</h2>
 * Only an alert that may open an incident is checked (a duplicate counted on a tally is not), and
 * {@link #covering} serves from a copy at most {@code cacheFor} old (default
 * {@value #DEFAULT_CACHE_SECONDS} s): two eventually consistent {@code GetItem}s (0.5 read unit each
 * up to 4 KB) per warm function instance per period, nothing per alert. A silence created or deleted
 * takes effect on ingest within that period.
 *
 * <h2>Covered incidents</h2>
 * An incident opened under a silence gets a due-work item {@code SILENCE#<silenceId>/INC#<incidentId>}
 * ({@link DueWork#UNSILENCE}, due when the silence ends): the sweeper then announces the incident if it
 * is still open ({@code Incident Unsilenced}). Deleting the silence early makes its items due at once.
 */
public final class Silences {
    /** The most silences (not yet ended) the API keeps. */
    public static final int MAX_SILENCES = 100;
    /** How long ingest uses its copy of the silences by default. */
    public static final int DEFAULT_CACHE_SECONDS = 10;
    /** The partition of the items that hold the silences. */
    static final String ITEM_PARTITION = "SILENCES";
    /** The sort key of the item the deployment writes the planned windows to. */
    static final String PLANNED_SORT_KEY = "PLANNED";
    /** The partition key prefix of a silence's covered-incident items. */
    static final String COVERED_PREFIX = "SILENCE#";
    /** How long a covered-incident item outlives its silence before TTL deletes it. */
    private static final Duration COVERED_RETENTION = Duration.ofDays(7);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration cacheFor;
    private List<Silence> cached;
    private Instant cachedAt;

    /** @param cacheFor how long {@link #covering} uses a copy read before */
    public Silences(DynamoDbClient dynamoDb, String tableName, Duration cacheFor) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.cacheFor = cacheFor;
    }

    /**
     * Reads {@code SILENCE_CACHE_SECONDS} (0-300, default {@value #DEFAULT_CACHE_SECONDS}).
     *
     * @throws ConfigurationException when it is malformed
     */
    public static Silences fromEnvironment(DynamoDbClient dynamoDb, String tableName, Map<String, String> env) {
        String cache = env.getOrDefault("SILENCE_CACHE_SECONDS", Integer.toString(DEFAULT_CACHE_SECONDS));
        int seconds;
        try {
            seconds = Integer.parseInt(cache.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > 300) {
            throw new ConfigurationException("SILENCE_CACHE_SECONDS is '" + cache + "'; use 0-300.");
        }
        return new Silences(dynamoDb, tableName, Duration.ofSeconds(seconds));
    }

    /**
     * @return the silence in force at {@code now} that covers {@code alert}, the one that ends last
     *         when several do; from a copy at most {@code cacheFor} old
     */
    public synchronized Optional<Silence> covering(Alert alert, Instant now) {
        if (cached == null || !now.isBefore(cachedAt.plus(cacheFor)) || now.isBefore(cachedAt)) {
            cached = read(false);
            cachedAt = now;
        }
        return cached.stream()
                .filter(silence -> silence.activeAt(now) && silence.matcher().matches(alert))
                .max(Comparator.comparing(Silence::endsAt));
    }

    /** @return every silence that has not ended at {@code now}, soonest start first (strongly consistent) */
    public List<Silence> current(Instant now) {
        return read(true).stream()
                .filter(silence -> silence.endsAt().isAfter(now))
                .sorted(Comparator.comparing(Silence::startsAt).thenComparing(Silence::silenceId))
                .toList();
    }

    /** @return the silence with this id, planned or not, if it has not ended */
    public Optional<Silence> find(String silenceId, Instant now) {
        return current(now).stream().filter(silence -> silence.silenceId().equals(silenceId)).findFirst();
    }

    /** The API keeps {@value #MAX_SILENCES} silences already. */
    public static final class TooManySilencesException extends RuntimeException {
        TooManySilencesException() {
            super("There are " + MAX_SILENCES + " silences that have not ended; delete some before creating more.");
        }
    }

    /**
     * Creates a silence with a new id; removes the ones that have ended in the same write.
     *
     * @param spec the silence as read ({@link SilenceSpec}); its id is replaced
     * @return the silence as stored
     * @throws TooManySilencesException when {@value #MAX_SILENCES} have not ended
     */
    public Silence create(Silence spec, Instant now) {
        Silence silence = new Silence(IncidentIds.newSilenceId(now), spec.matcher(), spec.startsAt(), spec.endsAt(),
                spec.comment(), spec.createdBy(), spec.createdAt(), spec.runPlaybooks());
        Map<String, AttributeValue> item = item(key(), true);
        List<String> ended = new ArrayList<>();
        int current = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (attribute.getKey().startsWith(Silence.ID_PREFIX)) {
                if (fromAttribute(attribute.getKey(), attribute.getValue()).endsAt().isAfter(now)) {
                    current++;
                } else {
                    ended.add(attribute.getKey());
                }
            }
        }
        if (current >= MAX_SILENCES) {
            throw new TooManySilencesException();
        }
        Map<String, String> names = new HashMap<>(Map.of("#new", silence.silenceId()));
        StringJoiner remove = new StringJoiner(", ", " REMOVE ", "");
        for (int i = 0; i < ended.size(); i++) {
            names.put("#ended" + i, ended.get(i));
            remove.add("#ended" + i);
        }
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key())
                .updateExpression("SET #new = :silence" + (ended.isEmpty() ? "" : remove.toString()))
                .conditionExpression("attribute_not_exists(#new)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":silence", toAttribute(silence))));
        return silence;
    }

    /**
     * Deletes a silence made through the API, and makes the incidents it covers that are still due
     * for their announcement due now, so the next sweep announces the open ones.
     *
     * @return the deleted silence, or empty when there is none with this id
     */
    public Optional<Silence> delete(String silenceId, Instant now) {
        Map<String, AttributeValue> old;
        try {
            old = dynamoDb.updateItem(b -> b.tableName(tableName).key(key())
                    .updateExpression("REMOVE #id")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", silenceId))
                    .returnValues(ReturnValue.UPDATED_OLD)).attributes();
        } catch (ConditionalCheckFailedException none) {
            return Optional.empty();
        }
        Silence deleted = fromAttribute(silenceId, old.get(silenceId));
        if (deleted.endsAt().isAfter(now)) {
            dueNow(silenceId, now);
        }
        return Optional.of(deleted);
    }

    /** Brings forward the due time of the silence's covered incidents that are still due. */
    private void dueNow(String silenceId, Instant now) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(tableName)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", ItemKeys.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(COVERED_PREFIX + silenceId)))
                    .consistentRead(true)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> covered : page.items()) {
                if (DueWork.NOTHING.equals(covered.get(DueWork.AT).s())) {
                    continue;
                }
                try {
                    dynamoDb.updateItem(b -> b.tableName(tableName)
                            .key(Map.of(ItemKeys.PK, covered.get(ItemKeys.PK), ItemKeys.SK, covered.get(ItemKeys.SK)))
                            .updateExpression("SET #at = :now")
                            .conditionExpression("#at > :now")
                            .expressionAttributeNames(Map.of("#at", DueWork.AT))
                            .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.format(now)))));
                } catch (ConditionalCheckFailedException alreadyDue) {
                    // Done, or due already: the sweeper has it.
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * Records that the incident {@code incidentId} (about to be) opened under {@code silence}: its
     * announcement falls due when the silence ends. Written before the incident, so an incident is
     * never silenced without it; one whose opening then loses a race stays unused (the sweeper finds
     * no such incident and marks it done).
     */
    void cover(Silence silence, String incidentId, String fingerprint) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ItemKeys.PK, AttributeValue.fromS(COVERED_PREFIX + silence.silenceId()));
        item.put(ItemKeys.SK, AttributeValue.fromS(ItemKeys.INCIDENT_PREFIX + incidentId));
        item.put("coveredIncidentId", AttributeValue.fromS(incidentId));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        item.put(IncidentSilence.ID, AttributeValue.fromS(silence.silenceId()));
        item.putAll(DueWork.dueAt(DueWork.UNSILENCE, silence.endsAt()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(silence.endsAt().plus(COVERED_RETENTION).getEpochSecond())));
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }

    private List<Silence> read(boolean consistent) {
        List<Silence> silences = new ArrayList<>();
        for (Map<String, AttributeValue> key : List.of(key(), key(PLANNED_SORT_KEY))) {
            item(key, consistent).forEach((name, value) -> {
                if (name.startsWith(Silence.ID_PREFIX) || name.startsWith(Silence.PLANNED_PREFIX)) {
                    silences.add(fromAttribute(name, value));
                }
            });
        }
        return silences;
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key, boolean consistent) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key)
                .consistentRead(consistent)).item();
        return item == null ? Map.of() : item;
    }

    private static Map<String, AttributeValue> key() {
        return key(ITEM_PARTITION);
    }

    private static Map<String, AttributeValue> key(String sortKey) {
        return Map.of(ItemKeys.PK, AttributeValue.fromS(ITEM_PARTITION), ItemKeys.SK, AttributeValue.fromS(sortKey));
    }

    private static AttributeValue toAttribute(Silence silence) {
        Map<String, AttributeValue> matcher = new LinkedHashMap<>();
        Silence.Matcher m = silence.matcher();
        if (m.service() != null) {
            matcher.put("service", AttributeValue.fromS(m.service()));
        }
        if (m.source() != null) {
            matcher.put("source", AttributeValue.fromS(m.source()));
        }
        if (!m.severities().isEmpty()) {
            matcher.put("severity", AttributeValue.fromL(m.severities().stream().map(s -> AttributeValue.fromS(s.value())).toList()));
        }
        if (!m.labels().isEmpty()) {
            Map<String, AttributeValue> labels = new LinkedHashMap<>();
            m.labels().forEach((name, value) -> labels.put(name, AttributeValue.fromS(value)));
            matcher.put("labels", AttributeValue.fromM(labels));
        }
        matcher.put("matchAll", AttributeValue.fromBool(m.matchAll()));
        Map<String, AttributeValue> attribute = new LinkedHashMap<>();
        attribute.put("matcher", AttributeValue.fromM(matcher));
        attribute.put("startsAt", AttributeValue.fromS(Timestamps.format(silence.startsAt())));
        attribute.put("endsAt", AttributeValue.fromS(Timestamps.format(silence.endsAt())));
        attribute.put("comment", AttributeValue.fromS(silence.comment()));
        attribute.put("createdBy", AttributeValue.fromS(silence.createdBy()));
        attribute.put("createdAt", AttributeValue.fromS(Timestamps.format(silence.createdAt())));
        attribute.put("runPlaybooks", AttributeValue.fromBool(silence.runPlaybooks()));
        return AttributeValue.fromM(attribute);
    }

    private static Silence fromAttribute(String silenceId, AttributeValue value) {
        Map<String, AttributeValue> attribute = value.m();
        Map<String, AttributeValue> matcher = attribute.get("matcher").m();
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        if (matcher.containsKey("severity")) {
            matcher.get("severity").l().forEach(s -> severities.add(Severity.fromValue(s.s()).orElseThrow()));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (matcher.containsKey("labels")) {
            matcher.get("labels").m().forEach((name, label) -> labels.put(name, label.s()));
        }
        return new Silence(silenceId,
                new Silence.Matcher(string(matcher, "service"), string(matcher, "source"), severities, labels,
                        Boolean.TRUE.equals(matcher.get("matchAll").bool())),
                Instant.parse(attribute.get("startsAt").s()), Instant.parse(attribute.get("endsAt").s()),
                attribute.get("comment").s(), attribute.get("createdBy").s(), Instant.parse(attribute.get("createdAt").s()),
                Boolean.TRUE.equals(attribute.get("runPlaybooks").bool()));
    }

    private static String string(Map<String, AttributeValue> map, String name) {
        AttributeValue value = map.get(name);
        return value == null ? null : value.s();
    }
}
