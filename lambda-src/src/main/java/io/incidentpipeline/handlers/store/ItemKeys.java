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

    private ItemKeys() {
    }

    /** @return the key of the current incident of {@code fingerprint} */
    public static Map<String, AttributeValue> incident(String fingerprint) {
        return key(FINGERPRINT_PREFIX + fingerprint, INCIDENT_SK);
    }

    /** @return the key of a playbook's run record for an incident */
    public static Map<String, AttributeValue> playbookRun(String incidentId, String playbookName) {
        return key("INC#" + incidentId, "PLAYBOOK#" + playbookName);
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
