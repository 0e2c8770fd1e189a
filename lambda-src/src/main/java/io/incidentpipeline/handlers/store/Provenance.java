package io.incidentpipeline.handlers.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an incident's first alert came from, as checked by the handler that received it: only an
 * AWS service event that the pipeline verified itself has a provenance (docs/CONTRACTS.md,
 * "Provenance"). Built-in remediations run only for incidents whose provenance their trigger
 * allow-list names, and re-read it from the table before acting.
 *
 * @param verifiedBy       how it was verified: {@value #VERIFIED_BY_EVENTBRIDGE} (delivered from the
 *                         default bus by the pipeline's own rule, {@code source} {@code aws.*} and
 *                         account checked by the intake)
 * @param product          the product that produced the finding: the company/product tail of its
 *                         Security Hub product ARN, e.g. {@code aws/securityhub}, {@code aws/guardduty}
 * @param findingType      the GuardDuty finding type, e.g. {@code Policy:S3/BucketBlockPublicAccessDisabled}, or {@code null}
 * @param controlId        the Security Hub control, e.g. {@code S3.8}, or {@code null}
 * @param complianceStatus a Security Hub control finding's {@code Compliance.Status}, e.g. {@code FAILED}, or {@code null}
 * @param findingState     {@code NEW}, {@code NOTIFIED}, {@code SUPPRESSED} or {@code RESOLVED} (a Security
 *                         Hub finding's workflow status), {@code ACTIVE} (a GuardDuty finding not archived),
 *                         or {@code ARCHIVED}
 * @param sample           whether the product marked it a sample finding
 * @param awsAccount       the account of the affected resource, as the finding names it
 * @param awsRegion        the region of the affected resource, as the finding names it
 */
public record Provenance(String verifiedBy, String product, String findingType, String controlId,
        String complianceStatus, String findingState, boolean sample, String awsAccount, String awsRegion) {
    /** The {@link #verifiedBy} of findings the EventBridge intake verified. */
    public static final String VERIFIED_BY_EVENTBRIDGE = "aws-eventbridge";

    /**
     * Labels that name what a remediation acts on. Only an alert with a provenance may carry them:
     * a webhook or SNS alert that sends one is rejected (docs/CONTRACTS.md, "Reserved labels").
     */
    public static final Set<String> RESERVED_LABELS = Set.of("s3Bucket", "securityGroupId", "resourceArn",
            "findingPorts");

    public Provenance {
        Objects.requireNonNull(verifiedBy, "verifiedBy");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(findingState, "findingState");
        Objects.requireNonNull(awsAccount, "awsAccount");
        Objects.requireNonNull(awsRegion, "awsRegion");
    }

    /** @return the attribute that stores it: a map of strings and the boolean {@code sample} */
    public AttributeValue toAttribute() {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        toDocument().forEach((name, value) -> fields.put(name,
                value instanceof Boolean b ? AttributeValue.fromBool(b) : AttributeValue.fromS((String) value)));
        return AttributeValue.fromM(fields);
    }

    /** @return the {@code provenance} object of the incident document; absent fields are left out */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("verifiedBy", verifiedBy);
        document.put("product", product);
        putIfPresent(document, "findingType", findingType);
        putIfPresent(document, "controlId", controlId);
        putIfPresent(document, "complianceStatus", complianceStatus);
        document.put("findingState", findingState);
        document.put("sample", sample);
        document.put("awsAccount", awsAccount);
        document.put("awsRegion", awsRegion);
        return document;
    }

    /**
     * @return the provenance an item's {@code provenance} attribute holds, or {@code null} when it
     *         has none
     * @throws IllegalArgumentException when the attribute lacks a required field
     */
    public static Provenance fromAttribute(AttributeValue attribute) {
        if (attribute == null || !attribute.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = attribute.m();
        AttributeValue sample = m.get("sample");
        try {
            return new Provenance(s(m, "verifiedBy"), s(m, "product"), s(m, "findingType"), s(m, "controlId"),
                    s(m, "complianceStatus"), s(m, "findingState"), sample != null && Boolean.TRUE.equals(sample.bool()),
                    s(m, "awsAccount"), s(m, "awsRegion"));
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("provenance without " + e.getMessage(), e);
        }
    }

    private static String s(Map<String, AttributeValue> m, String name) {
        AttributeValue value = m.get(name);
        return value == null ? null : value.s();
    }

    private static void putIfPresent(Map<String, Object> document, String name, String value) {
        if (value != null) {
            document.put(name, value);
        }
    }
}
