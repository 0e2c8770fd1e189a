package io.incidentpipeline.handlers.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The keys of the table's items (docs/CONTRACTS.md, "Table"). */
public final class ItemKeys {
    /** The partition key attribute. */
    public static final String PK = "pk";
    /** The sort key attribute. */
    public static final String SK = "sk";
    /** The sort key of a fingerprint's current incident. */
    public static final String INCIDENT_SK = "INCIDENT";
    /** The partition key prefix of a fingerprint's current incident. */
    public static final String FINGERPRINT_PREFIX = "FP#";
    /** The partition key prefix of the items of one incident: its timeline, playbook runs and, once replaced, its archived copy. */
    public static final String INCIDENT_PREFIX = "INC#";
    /** The sort key prefix of a timeline entry. */
    public static final String TIMELINE_PREFIX = "TL#";
    /** The sort key prefix of a playbook run record. */
    public static final String PLAYBOOK_PREFIX = "PLAYBOOK#";

    private ItemKeys() {
    }

    /** @return the key of the current incident of {@code fingerprint} */
    public static Map<String, AttributeValue> incident(String fingerprint) {
        return key(FINGERPRINT_PREFIX + fingerprint, INCIDENT_SK);
    }

    /**
     * @return the key of a resolved incident's archived copy, written when a new alert replaces it as
     *         its fingerprint's current incident, so that it stays readable by id
     */
    public static Map<String, AttributeValue> archivedIncident(String incidentId) {
        return key(INCIDENT_PREFIX + incidentId, INCIDENT_SK);
    }

    /** The sort key of an incident's escalation item. */
    public static final String ESCALATION_SK = "ESCALATION";

    /** @return the key of an incident's escalation item: when its next escalation level falls due */
    public static Map<String, AttributeValue> escalation(String incidentId) {
        return key(INCIDENT_PREFIX + incidentId, ESCALATION_SK);
    }

    /** @return the key of a playbook's run record for an incident */
    public static Map<String, AttributeValue> playbookRun(String incidentId, String playbookName) {
        return key(INCIDENT_PREFIX + incidentId, PLAYBOOK_PREFIX + playbookName);
    }

    /**
     * @return the key of a timeline entry: sorted by time, made unique (and a redelivered write
     *         idempotent) by the stream sequence number of the change it records
     */
    public static Map<String, AttributeValue> timelineEntry(String incidentId, String at, String sequenceNumber) {
        return key(INCIDENT_PREFIX + incidentId, TIMELINE_PREFIX + at + "#" + sequenceNumber);
    }

    /** The partition of the priming item, and its index partitions: no listing reads them. */
    public static final String PRIMING_PARTITION = "PRIMING";

    /** @return the key of the item a region's ingest function records its SnapStart priming alert on */
    public static Map<String, AttributeValue> priming(String region) {
        return key(PRIMING_PARTITION + "#" + region, INCIDENT_SK);
    }

    /** The partition key prefix of a remembered delivery. */
    public static final String DELIVERY_PREFIX = "DELIVERY#";
    /** The sort key of a remembered delivery. */
    public static final String DELIVERY_SK = "DELIVERY";

    /**
     * @return the key of the item that remembers a source's delivery id for a while, so that a
     *         redelivery changes nothing
     */
    public static Map<String, AttributeValue> delivery(String source, String deliveryId) {
        return key(DELIVERY_PREFIX + source + "#" + deliveryId, DELIVERY_SK);
    }

    /** The partition key prefix of an incident's tally items (its hot counters, {@link Tallies}). */
    public static final String TALLY_PREFIX = "TALLY#";

    /** @return the key of one of an incident's tally items */
    public static Map<String, AttributeValue> tally(String incidentId, int shard) {
        return key(TALLY_PREFIX + incidentId + "#" + shard, "TALLY");
    }

    /** @return the key of a region's health probe item */
    public static Map<String, AttributeValue> healthProbe(String region) {
        return key("HEALTH#" + region, "PROBE");
    }

    /** @return whether {@code pk}/{@code sk} are the key of a current-incident item */
    public static boolean isIncident(String pk, String sk) {
        return pk != null && pk.startsWith(FINGERPRINT_PREFIX) && INCIDENT_SK.equals(sk);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
