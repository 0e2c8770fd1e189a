package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.escalation.EscalationPolicies;
import io.incidentpipeline.handlers.escalation.Escalations;
import io.incidentpipeline.handlers.store.DueWork;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentDocument;
import io.incidentpipeline.handlers.store.IncidentSilence;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.store.Tallies;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Fires the escalation levels that fell due: the {@link DueWork#ESCALATE} work of the
 * {@link DueWorkSweeper}. For one escalation item it reads the item and the incident (strongly
 * consistent), then, if the incident is still open and not silenced, claims the level with one
 * conditional write on the item, writes the timeline entry, puts {@code Incident Escalated}
 * ({@code detail.escalation}: policy, level, reason {@code unacknowledged}, targets) and moves the
 * item to its next level's time. So each level fires once across regions:
 * <ul>
 *   <li>the region that started the escalation (or fired its last level) fires it; another region
 *       only once it is {@code takeoverAfter} overdue, so regions do not race while both are up;</li>
 *   <li>the claim is conditioned on the level and time the sweeper read, so of two sweepers that
 *       read the same level one wins;</li>
 *   <li>a claim holds for {@link #LEASE}: a claimant that failed before putting the event puts it on
 *       its next sweep, and after the lease another region does.</li>
 * </ul>
 * An acknowledged, resolved or replaced incident stops its escalation; a silenced one
 * ({@code silencedUntil} on the incident) postpones the level to the end of the silence.
 */
final class EscalationLevels {
    /** The {@code reason} of a level fired because nobody acknowledged the incident. */
    static final String UNACKNOWLEDGED = "unacknowledged";
    /** How long a claimed level is its claimant's before another sweeper may fire it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final EventBridgeClient eventBridge;
    private final String eventBusName;
    private final EscalationPolicies policies;
    private final String region;
    private final String claimant;
    private final Duration takeoverAfter;
    private final Tallies tallies;

    /** @param region this sweeper's region */
    EscalationLevels(DynamoDbClient dynamoDb, String tableName, EventBridgeClient eventBridge, String eventBusName,
            EscalationPolicies policies, String region, Duration takeoverAfter) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.eventBridge = eventBridge;
        this.eventBusName = eventBusName;
        this.policies = policies;
        this.region = region;
        this.claimant = "sweep@" + region;
        this.takeoverAfter = takeoverAfter;
        this.tallies = new Tallies(dynamoDb, tableName);
    }

    /** The state of an escalation item as the sweep read it. */
    private record Run(String incidentId, String fingerprint, String policy, String since, int level, int repeats,
            String dueAt, String owner, String firing, String firingUntil, String firedAt) {
        static Run of(Map<String, AttributeValue> item) {
            return new Run(s(item, "incidentId"), s(item, "fingerprint"), s(item, "policy"), s(item, Escalations.SINCE),
                    n(item, "level"), n(item, "repeats"), s(item, DueWork.AT), s(item, "ownerRegion"), s(item, "firing"),
                    s(item, "firingUntil"), s(item, "firedAt"));
        }

        private static String s(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value == null ? null : value.s();
        }

        private static int n(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
        }
    }

    /**
     * Fires the level due on the escalation item at {@code key}, if it is still due and this sweeper's to fire.
     *
     * @return whether this call put a level's event
     * @throws RuntimeException when the table or the bus fails: a claimed level stays claimed by this
     *                          sweeper, which fires it on its next sweep
     */
    boolean fire(Map<String, AttributeValue> key, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        Run run = Run.of(item);
        String nowText = Timestamps.format(now);
        // The index is eventually consistent: the item may have moved on since.
        if (run.dueAt() == null || run.dueAt().compareTo(nowText) > 0 || run.incidentId() == null) {
            return false;
        }
        boolean retry = run.firing() != null;
        if (retry && !run.firing().equals(claimant) && run.firingUntil().compareTo(nowText) > 0) {
            return false;
        }
        if (!retry && !region.equals(run.owner())
                && run.dueAt().compareTo(Timestamps.format(now.minus(takeoverAfter))) > 0) {
            return false;
        }
        Map<String, AttributeValue> head = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(ItemKeys.incident(run.fingerprint())).consistentRead(true)).item();
        Optional<EscalationPolicies.Policy> policy = policies.named(run.policy());
        if (head == null || head.isEmpty() || !run.incidentId().equals(value(head, "incidentId"))
                || !IncidentStatus.OPEN.name().equals(value(head, "status")) || policy.isEmpty()) {
            stop(key, run, head == null || head.isEmpty() ? "incident gone" : policy.isEmpty() ? "policy removed"
                    : "incident " + value(head, "status").toLowerCase(java.util.Locale.ROOT));
            return false;
        }
        String silencedUntil = value(head, IncidentSilence.UNTIL);
        if (!retry && silencedUntil != null && silencedUntil.compareTo(nowText) > 0) {
            postpone(key, run, silencedUntil);
            return false;
        }
        int level;
        int repeats;
        if (retry) {
            level = run.level();
            repeats = run.repeats();
        } else if (policy.get().level(run.level()).isPresent()) {
            level = run.level() + 1;
            repeats = 0;
        } else if (policy.get().repeatEvery() != null) {
            level = run.level();
            repeats = run.repeats() + 1;
        } else {
            stop(key, run, "every level fired");
            return false;
        }
        String firedAt = retry && run.firedAt() != null ? run.firedAt() : nowText;
        if (!claim(key, run, level, repeats, firedAt, now)) {
            return false;
        }
        EscalationPolicies.Level fired = policy.get().levels().get(level - 1);
        // No silence is in force now (a level waits for its end, above), though the head may still name one
        // whose end the UNSILENCE work has not reached yet, here or in this region's replica: the level's
        // event carries none, or the routes of its targets, which skip silenced events, would drop it.
        Incident incident = tallies.overlay(Incident.fromItem(head)).withSilence(null);
        announce(policy.get(), incident, level, repeats, fired, Instant.parse(firedAt), run);
        Instant dueAt = Instant.parse(run.dueAt());
        Optional<Duration> next = policy.get().level(level).map(EscalationPolicies.Level::after)
                .or(() -> Optional.ofNullable(policy.get().repeatEvery()));
        complete(key, run, level, repeats, next.map(after -> Timestamps.format(dueAt.plus(after))).orElse(DueWork.NOTHING));
        return true;
    }

    private boolean claim(Map<String, AttributeValue> key, Run run, int level, int repeats, String firedAt, Instant now) {
        Map<String, String> names = new LinkedHashMap<>(Map.of("#since", Escalations.SINCE, "#level", "level",
                "#repeats", "repeats", "#firing", "firing", "#firingUntil", "firingUntil", "#firedAt", "firedAt",
                "#owner", "ownerRegion", "#at", DueWork.AT));
        Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":since", AttributeValue.fromS(run.since()),
                ":level", AttributeValue.fromN(Integer.toString(level)),
                ":repeats", AttributeValue.fromN(Integer.toString(repeats)),
                ":me", AttributeValue.fromS(claimant),
                ":until", AttributeValue.fromS(Timestamps.format(now.plus(LEASE))),
                ":firedAt", AttributeValue.fromS(firedAt),
                ":owner", AttributeValue.fromS(region),
                ":dueAt", AttributeValue.fromS(run.dueAt())));
        String condition;
        if (run.firing() != null) {
            values.put(":theirs", AttributeValue.fromS(run.firing()));
            names.remove("#at");
            values.remove(":dueAt");
            condition = "#since = :since AND #level = :level AND #repeats = :repeats AND #firing = :theirs";
        } else {
            values.put(":readLevel", AttributeValue.fromN(Integer.toString(run.level())));
            values.put(":readRepeats", AttributeValue.fromN(Integer.toString(run.repeats())));
            condition = "#since = :since AND #level = :readLevel AND #repeats = :readRepeats AND #at = :dueAt"
                    + " AND attribute_not_exists(#firing)";
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key)
                    .updateExpression("SET #level = :level, #repeats = :repeats, #firing = :me, #firingUntil = :until,"
                            + " #firedAt = :firedAt, #owner = :owner")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException another) {
            return false;
        }
    }

    private void announce(EscalationPolicies.Policy policy, Incident incident, int level, int repeats,
            EscalationPolicies.Level fired, Instant firedAt, Run run) {
        Map<String, Object> escalation = new LinkedHashMap<>();
        escalation.put("policy", policy.name());
        escalation.put("level", level);
        escalation.put("levels", policy.levels().size());
        escalation.put("repeat", repeats);
        escalation.put("reason", UNACKNOWLEDGED);
        escalation.put("targets", fired.targets());
        escalation.put("since", run.since());
        Map<String, Object> detail = new LinkedHashMap<>(IncidentDocument.of(incident));
        detail.put("escalation", escalation);

        String at = Timestamps.format(firedAt);
        Map<String, AttributeValue> entry = new LinkedHashMap<>(ItemKeys.timelineEntry(incident.incidentId(), at,
                "escalation-" + level + "-" + repeats));
        entry.put("type", AttributeValue.fromS("escalated"));
        entry.put("reason", AttributeValue.fromS(UNACKNOWLEDGED));
        entry.put("at", AttributeValue.fromS(at));
        entry.put("actor", AttributeValue.fromS("escalation:" + policy.name()));
        entry.put("status", AttributeValue.fromS(incident.status().name()));
        entry.put("occurrences", AttributeValue.fromN(Long.toString(incident.occurrences())));
        entry.put("severity", AttributeValue.fromS(incident.severity().value()));
        entry.put("policy", AttributeValue.fromS(policy.name()));
        entry.put("level", AttributeValue.fromN(Integer.toString(level)));
        entry.put("repeat", AttributeValue.fromN(Integer.toString(repeats)));
        entry.put("targets", AttributeValue.fromL(fired.targets().stream().map(AttributeValue::fromS).toList()));
        entry.put("writtenRegion", AttributeValue.fromS(region));
        dynamoDb.putItem(b -> b.tableName(tableName).item(entry));

        PutEventsRequestEntry event = BusEntries.incident(eventBusName, DetailType.ESCALATED, detail, firedAt);
        PutEventsResponse response = eventBridge.putEvents(b -> b.entries(event));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("The bus rejected escalation level " + level + " of incident "
                    + incident.incidentId() + ": " + response.entries().get(0).errorCode() + " "
                    + response.entries().get(0).errorMessage());
        }
        JsonLog.info("escalation level fired", "incidentId", incident.incidentId(), "policy", policy.name(),
                "level", level, "repeat", repeats, "targets", fired.targets(), "claimant", claimant,
                "eventId", response.entries().get(0).eventId(),
                "lateBySeconds", Duration.between(Instant.parse(run.dueAt()), firedAt).toSeconds());
    }

    /** Releases the claim and moves the item to its next level's time ({@link DueWork#NOTHING}: done). */
    private void complete(Map<String, AttributeValue> key, Run run, int level, int repeats, String next) {
        update(key, "SET #at = :next REMOVE #firing, #firingUntil",
                "#since = :since AND #level = :level AND #repeats = :repeats AND #firing = :me",
                Map.of("#firing", "firing", "#firingUntil", "firingUntil", "#level", "level", "#repeats", "repeats"),
                Map.of(":next", AttributeValue.fromS(next), ":level", AttributeValue.fromN(Integer.toString(level)),
                        ":repeats", AttributeValue.fromN(Integer.toString(repeats)), ":me", AttributeValue.fromS(claimant)),
                run);
    }

    /** Ends an escalation that has nothing more to fire. */
    private void stop(Map<String, AttributeValue> key, Run run, String why) {
        if (update(key, "SET #at = :next", "#since = :since AND #at = :dueAt", Map.of(),
                Map.of(":next", AttributeValue.fromS(DueWork.NOTHING), ":dueAt", AttributeValue.fromS(run.dueAt())), run)) {
            JsonLog.info("escalation stopped", "incidentId", run.incidentId(), "policy", run.policy(), "reason", why,
                    "levelsFired", run.level());
        }
    }

    /** Moves a level that fell due during a silence to the silence's end. */
    private void postpone(Map<String, AttributeValue> key, Run run, String until) {
        if (update(key, "SET #at = :next", "#since = :since AND #at = :dueAt AND attribute_not_exists(#firing)",
                Map.of("#firing", "firing"),
                Map.of(":next", AttributeValue.fromS(until), ":dueAt", AttributeValue.fromS(run.dueAt())), run)) {
            JsonLog.info("escalation postponed by a silence", "incidentId", run.incidentId(), "policy", run.policy(),
                    "level", run.level() + 1, "until", until);
        }
    }

    /** @return whether the conditional write (on the run the sweep read) applied */
    private boolean update(Map<String, AttributeValue> key, String expression, String condition, Map<String, String> names,
            Map<String, AttributeValue> values, Run run) {
        Map<String, String> allNames = new LinkedHashMap<>(names);
        allNames.put("#since", Escalations.SINCE);
        allNames.put("#at", DueWork.AT);
        Map<String, AttributeValue> allValues = new LinkedHashMap<>(values);
        allValues.put(":since", AttributeValue.fromS(run.since()));
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key)
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(allNames)
                    .expressionAttributeValues(allValues));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            // Restarted by a severity escalation, or moved on by another sweeper: its state wins.
            return false;
        }
    }

    private static String value(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
