package io.incidentpipeline.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of AWS finding that may trigger a remediation, as data: the product that produced it, the
 * GuardDuty finding types or Security Hub control ids it may be, the finding states, the compliance
 * statuses of a control finding, and the least severity. Only incidents whose provenance the
 * pipeline verified itself can match (docs/CONTRACTS.md, "Provenance").
 *
 * <pre>{@code
 * FindingTrigger.securityHubControls("S3.2", "S3.3", "S3.8").minimumSeverity(Severity.MEDIUM).build();
 * FindingTrigger.guardDuty("Policy:S3/BucketPublicAccessGranted").build();
 * }</pre>
 */
public final class FindingTrigger {
    /** Security Hub's own product: its security control checks. */
    public static final String SECURITY_HUB = "aws/securityhub";
    /** GuardDuty's product. */
    public static final String GUARD_DUTY = "aws/guardduty";

    private final String product;
    private final List<String> findingTypes;
    private final List<String> controlIds;
    private final List<String> findingStates;
    private final List<String> complianceStatuses;
    private final IncidentEvents.Severity minimumSeverity;

    private FindingTrigger(Builder b) {
        this.product = b.product;
        this.findingTypes = List.copyOf(b.findingTypes);
        this.controlIds = List.copyOf(b.controlIds);
        this.findingStates = List.copyOf(b.findingStates);
        this.complianceStatuses = List.copyOf(b.complianceStatuses);
        this.minimumSeverity = b.minimumSeverity;
    }

    /**
     * @param controlIds Security Hub control ids, e.g. {@code EC2.19}
     * @return a trigger on failed Security Hub control findings ({@code aws/securityhub}) of these
     *     controls, in workflow state {@code NEW}
     */
    public static Builder securityHubControls(String... controlIds) {
        Builder builder = new Builder(SECURITY_HUB).findingStates("NEW").complianceStatuses("FAILED");
        builder.controlIds.addAll(names("controlIds", controlIds));
        return builder;
    }

    /**
     * @param findingTypes GuardDuty finding types, e.g. {@code Policy:S3/BucketBlockPublicAccessDisabled}
     * @return a trigger on active (not archived) GuardDuty findings of these types
     */
    public static Builder guardDuty(String... findingTypes) {
        Builder builder = new Builder(GUARD_DUTY).findingStates("ACTIVE");
        builder.findingTypes.addAll(names("findingTypes", findingTypes));
        return builder;
    }

    /** @return the product, e.g. {@code aws/securityhub} */
    public String getProduct() {
        return product;
    }

    /** @return the GuardDuty finding types, or empty */
    public List<String> getFindingTypes() {
        return findingTypes;
    }

    /** @return the Security Hub control ids, or empty */
    public List<String> getControlIds() {
        return controlIds;
    }

    /** @return the finding states that trigger */
    public List<String> getFindingStates() {
        return findingStates;
    }

    /** @return the compliance statuses of a control finding that trigger; empty: not checked */
    public List<String> getComplianceStatuses() {
        return complianceStatuses;
    }

    /** @return the least severity that triggers */
    public IncidentEvents.Severity getMinimumSeverity() {
        return minimumSeverity;
    }

    /** @return the severities at or above the minimum, most urgent first */
    List<String> severities() {
        List<String> severities = new ArrayList<>();
        for (IncidentEvents.Severity severity : IncidentEvents.Severity.values()) {
            if (severity.ordinal() <= minimumSeverity.ordinal()) {
                severities.add(severity.getValue());
            }
        }
        return severities;
    }

    /** @return this trigger's alternative in an EventBridge {@code $or}: its provenance fields and severities */
    Map<String, Object> toPatternAlternative() {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("product", List.of(product));
        if (!findingTypes.isEmpty()) {
            provenance.put("findingType", findingTypes);
        } else {
            provenance.put("controlId", controlIds);
        }
        provenance.put("findingState", findingStates);
        if (!complianceStatuses.isEmpty()) {
            provenance.put("complianceStatus", complianceStatuses);
        }
        Map<String, Object> alternative = new LinkedHashMap<>();
        alternative.put("provenance", provenance);
        alternative.put("severity", severities());
        return alternative;
    }

    /** @return the trigger as the remediation handlers read it ({@code REMEDIATION_TRIGGERS}) */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("product", product);
        if (!controlIds.isEmpty()) {
            json.put("controlIds", controlIds);
        }
        if (!findingTypes.isEmpty()) {
            json.put("findingTypes", findingTypes);
        }
        json.put("findingStates", findingStates);
        if (!complianceStatuses.isEmpty()) {
            json.put("complianceStatuses", complianceStatuses);
        }
        json.put("minimumSeverity", minimumSeverity.getValue());
        return json;
    }

    /** @return one line for docs and errors, e.g. {@code aws/securityhub S3.2, S3.8 (NEW, FAILED) >= medium} */
    @Override
    public String toString() {
        List<String> kinds = findingTypes.isEmpty() ? controlIds : findingTypes;
        return product + " " + String.join(", ", kinds) + " (" + String.join(", ", findingStates)
                + (complianceStatuses.isEmpty() ? "" : "; " + String.join(", ", complianceStatuses)) + ") >= "
                + minimumSeverity.getValue();
    }

    private static List<String> names(String field, String... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("FindingTrigger." + field + ": name at least one");
        }
        for (String value : values) {
            if (value == null || !value.matches("[A-Za-z0-9._:/!-]{1,256}")) {
                throw new IllegalArgumentException("FindingTrigger." + field + ": '" + value + "' is not a finding type"
                        + " or control id (e.g. Policy:S3/BucketPublicAccessGranted, S3.8)");
            }
        }
        return List.of(values);
    }

    /** Builder for {@link FindingTrigger}: start from {@link #securityHubControls} or {@link #guardDuty}. */
    public static final class Builder {
        private final String product;
        private final List<String> findingTypes = new ArrayList<>();
        private final List<String> controlIds = new ArrayList<>();
        private final List<String> findingStates = new ArrayList<>();
        private final List<String> complianceStatuses = new ArrayList<>();
        private IncidentEvents.Severity minimumSeverity = IncidentEvents.Severity.MEDIUM;

        private Builder(String product) {
            this.product = product;
        }

        /**
         * Sets the finding states that trigger, replacing the default: {@code NEW} for Security Hub
         * (workflow status), {@code ACTIVE} for GuardDuty.
         *
         * @param states {@code NEW} or {@code NOTIFIED} (Security Hub), {@code ACTIVE} (GuardDuty); never
         *     {@code ARCHIVED}, {@code SUPPRESSED} or {@code RESOLVED}, the states of a closed finding
         * @return this builder
         * @throws IllegalArgumentException naming a state that cannot trigger a remediation
         */
        public Builder findingStates(String... states) {
            findingStates.clear();
            for (String state : states) {
                if (!List.of("NEW", "NOTIFIED", "ACTIVE").contains(state)) {
                    throw new IllegalArgumentException("FindingTrigger.findingStates: '" + state + "' cannot trigger a"
                            + " remediation; use NEW or NOTIFIED (Security Hub) or ACTIVE (GuardDuty). A suppressed,"
                            + " resolved or archived finding is one a person or the product closed.");
                }
                findingStates.add(state);
            }
            return this;
        }

        private Builder complianceStatuses(String... statuses) {
            complianceStatuses.addAll(List.of(statuses));
            return this;
        }

        /**
         * Sets the least severity that triggers; the default is {@code MEDIUM}.
         *
         * @param severity {@code LOW} or above
         * @return this builder
         * @throws IllegalArgumentException when {@code severity} is null or {@code INFO}
         */
        public Builder minimumSeverity(IncidentEvents.Severity severity) {
            if (severity == null || severity == IncidentEvents.Severity.INFO) {
                throw new IllegalArgumentException("FindingTrigger.minimumSeverity must be LOW or above, got " + severity
                        + ": an informational finding reports no problem to remediate.");
            }
            this.minimumSeverity = severity;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException when no finding state is left
         */
        public FindingTrigger build() {
            if (findingStates.isEmpty()) {
                throw new IllegalArgumentException("FindingTrigger: name at least one finding state");
            }
            return new FindingTrigger(this);
        }
    }
}
