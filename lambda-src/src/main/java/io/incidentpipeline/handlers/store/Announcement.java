package io.incidentpipeline.handlers.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A change of an item that must reach the bus once across all regions, and the conditional writes
 * that make it so (README, "When a region is lost").
 *
 * <p>The write that makes the change also sets the change's attribute (e.g. {@code announceOpened})
 * to {@value #PENDING} and makes the item due ({@link DueWork#ANNOUNCE}, {@code dueAt} = now), in
 * the same request: a change can never exist without its marker. Whoever announces it first claims
 * it: a conditional write from {@value #PENDING} to the claimant ({@code stream@<region>} for a
 * region's publisher, {@code sweep@<region>} for its sweeper), and puts the event only if the claim
 * won. A claim by the same claimant wins again, so a retried batch or sweep publishes what it
 * claimed. The claim that leaves nothing pending also marks the item's due work done.
 *
 * <p>Every other write of the item removes {@value #CLAIM_MARK}, which only a claim sets: the
 * publisher's stream filter drops records that carry it, so a claim publishes nothing and costs no
 * invocation.
 */
public enum Announcement {
    /** An incident opened (also: a resolved fingerprint reopened). */
    OPENED("announceOpened"),
    /** An operator acknowledged the incident. */
    ACKNOWLEDGED("announceAcknowledged"),
    /** The incident was resolved, by an operator or a recovery alert. */
    RESOLVED("announceResolved"),
    /** An alert raised the incident's severity (again each time it raises it). */
    ESCALATED("announceEscalated"),
    /** A silence the incident opened under ended while it was still open or acknowledged. */
    UNSILENCED("announceUnsilenced"),
    /** A playbook run recorded its result. */
    RESULT("announceResult");

    /** The value of a change's attribute until someone claims announcing it. */
    public static final String PENDING = "PENDING";
    /** Set by claims only and removed by every other write: how the stream filter tells a claim from a change. */
    public static final String CLAIM_MARK = "announceClaim";
    /** The changes of an incident item, in lifecycle order (an escalation or an unsilence may also follow an acknowledgement). */
    public static final List<Announcement> OF_INCIDENT = List.of(OPENED, ESCALATED, UNSILENCED, ACKNOWLEDGED, RESOLVED);
    /** The changes of a playbook run record. */
    public static final List<Announcement> OF_RUN = List.of(RESULT);

    private final String attribute;

    Announcement(String attribute) {
        this.attribute = attribute;
    }

    /** @return the item attribute that holds this change's announcement: {@value #PENDING} or its claimant */
    public String attribute() {
        return attribute;
    }

    /** @return the changes an item with this key can have */
    public static List<Announcement> of(Map<String, AttributeValue> key) {
        AttributeValue sk = key.get(ItemKeys.SK);
        return sk != null && sk.s() != null && sk.s().startsWith(ItemKeys.PLAYBOOK_PREFIX) ? OF_RUN : OF_INCIDENT;
    }

    /** @return this change's announcement on the item: {@value #PENDING}, a claimant, or empty for an item written before announcements were claimed */
    public Optional<String> state(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(attribute);
        return value == null ? Optional.empty() : Optional.ofNullable(value.s());
    }

    /** @return the attributes a write that makes this change sets: the change pending, the item due now */
    public Map<String, AttributeValue> pending(Instant now) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(attribute, AttributeValue.fromS(PENDING));
        attributes.putAll(DueWork.dueAt(DueWork.ANNOUNCE, now));
        return attributes;
    }

    /**
     * @return the {@code SET} clauses ({@code #a = :a, …}) that make this change pending; their names and
     *         values are added to the maps
     */
    public String setPending(Instant now, Map<String, String> names, Map<String, AttributeValue> values) {
        StringJoiner set = new StringJoiner(", ");
        pending(now).forEach((name, value) -> {
            names.put("#" + name, name);
            values.put(":" + name, value);
            set.add("#" + name + " = :" + name);
        });
        return set.toString();
    }

    /** @return the {@code REMOVE} operand every change of an announced item writes; its name is added to the map */
    public static String removeClaimMark(Map<String, String> names) {
        names.put("#" + CLAIM_MARK, CLAIM_MARK);
        return "#" + CLAIM_MARK;
    }

    /** Claims of one claimant, in one table. */
    public static final class Claims {
        private final DynamoDbClient dynamoDb;
        private final String tableName;
        private final String claimant;

        /**
         * @param claimant who claims: {@code stream@<region>} or {@code sweep@<region>}; a claim it
         *                 already holds wins again
         */
        public Claims(DynamoDbClient dynamoDb, String tableName, String claimant) {
            this.dynamoDb = dynamoDb;
            this.tableName = tableName;
            this.claimant = claimant;
        }

        /** @return who claims */
        public String claimant() {
            return claimant;
        }

        /**
         * Claims announcing {@code change} of the item at {@code key}: one conditional write, on
         * condition that the change is still pending (or already this claimant's) and that the item
         * still belongs to {@code incidentId}.
         *
         * @param settle whether the same write marks the item's due work done when no other change of
         *               it is pending (the publisher, which puts the event right after; a sweeper
         *               settles after it has put the event, see {@link #settle})
         * @return whether this claimant may announce the change
         */
        public boolean claim(Map<String, AttributeValue> key, Announcement change, String incidentId, boolean settle) {
            if (settle && claim(key, change, incidentId, othersSettled(key, change))) {
                return true;
            }
            return claim(key, change, incidentId, (Condition) null);
        }

        /**
         * Marks the item's due work done if none of its changes is pending any more.
         *
         * @return whether it was marked
         */
        public boolean settle(Map<String, AttributeValue> key) {
            Condition condition = othersSettled(key, null);
            Map<String, String> names = new LinkedHashMap<>(condition.names());
            names.put("#at", DueWork.AT);
            Map<String, AttributeValue> values = new LinkedHashMap<>(condition.values());
            values.put(":nothing", AttributeValue.fromS(DueWork.NOTHING));
            try {
                dynamoDb.updateItem(b -> b.tableName(tableName).key(key)
                        .updateExpression("SET #at = :nothing")
                        .conditionExpression("attribute_exists(" + ItemKeys.PK + ") AND " + condition.expression())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException stillPending) {
                return false;
            }
        }

        private boolean claim(Map<String, AttributeValue> key, Announcement change, String incidentId, Condition settled) {
            Map<String, String> names = new LinkedHashMap<>(Map.of("#change", change.attribute(),
                    "#mark", CLAIM_MARK, "#incidentId", "incidentId"));
            Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(
                    ":pending", AttributeValue.fromS(PENDING),
                    ":me", AttributeValue.fromS(claimant),
                    ":mark", AttributeValue.fromS(claimant + " " + change.name()),
                    ":incidentId", AttributeValue.fromS(incidentId)));
            String update = "SET #change = :me, #mark = :mark";
            String condition = "(#change = :pending OR #change = :me) AND #incidentId = :incidentId";
            if (settled != null) {
                names.putAll(settled.names());
                names.put("#at", DueWork.AT);
                values.putAll(settled.values());
                values.put(":nothing", AttributeValue.fromS(DueWork.NOTHING));
                update += ", #at = :nothing";
                condition += " AND " + settled.expression();
            }
            String expression = update;
            String conditionExpression = condition;
            try {
                dynamoDb.updateItem(b -> b.tableName(tableName).key(key)
                        .updateExpression(expression)
                        .conditionExpression(conditionExpression)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException notOurs) {
                return false;
            }
        }

        /** The condition that every change of the item but {@code except} is not pending. */
        private static Condition othersSettled(Map<String, AttributeValue> key, Announcement except) {
            Map<String, String> names = new LinkedHashMap<>();
            StringJoiner expression = new StringJoiner(" AND ");
            for (Announcement other : of(key)) {
                if (other != except) {
                    String name = "#other" + other.ordinal();
                    names.put(name, other.attribute());
                    expression.add("(attribute_not_exists(" + name + ") OR " + name + " <> :pending)");
                }
            }
            if (names.isEmpty()) {
                return new Condition("attribute_exists(" + ItemKeys.PK + ")", Map.of(), Map.of());
            }
            return new Condition(expression.toString(), names, Map.of(":pending", AttributeValue.fromS(PENDING)));
        }

        private record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        }
    }
}
