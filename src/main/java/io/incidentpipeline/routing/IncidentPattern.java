package io.incidentpipeline.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.services.events.EventPattern;

/**
 * A typed EventBridge pattern over incident events, so routes are data rather than hand-written
 * JSON: {@code IncidentPattern.builder().detailTypes(OPENED).severities(CRITICAL, HIGH).build()}.
 * Fields left out match every value; values within a field are alternatives.
 *
 * <p>Silences (docs/CONTRACTS.md, "Silences"): the events of an incident under a silence carry
 * {@code detail.silence}, and a pattern skips them unless told otherwise ({@link SilencedIncidents});
 * a pattern that matches {@code Incident Opened} also matches {@code Incident Unsilenced}, the
 * announcement of an incident whose silence ended while it was still open, so nothing a route would
 * have seen is lost by silencing.
 */
public final class IncidentPattern {
    private static final List<IncidentEvents.DetailType> LIFECYCLE = List.of(IncidentEvents.DetailType.OPENED,
            IncidentEvents.DetailType.UPDATED, IncidentEvents.DetailType.ACKNOWLEDGED, IncidentEvents.DetailType.RESOLVED,
            IncidentEvents.DetailType.ESCALATED, IncidentEvents.DetailType.UNSILENCED);

    /** How a pattern treats the events of an incident under a silence. */
    public enum SilencedIncidents {
        /** Skips them: people are not told while a silence lasts. */
        SKIPPED,
        /** Matches them when the silence lets playbooks run ({@code silence.playbooks = true}): for playbooks. */
        WHEN_PLAYBOOKS_RUN,
        /** Matches them all, silenced or not: an audit trail. */
        INCLUDED
    }

    private final List<IncidentEvents.DetailType> detailTypes;
    private final List<IncidentEvents.Severity> severities;
    private final List<String> services;
    private final List<String> categories;
    private final List<String> sources;
    private final List<String> labelsPresent;
    private final VerifiedFindings findings;
    private final SilencedIncidents silenced;

    /** Incidents of verified AWS findings: in this account and region, not samples, matching a trigger. */
    private record VerifiedFindings(String account, String region, List<FindingTrigger> triggers) {
    }

    private IncidentPattern(Builder b) {
        this.detailTypes = List.copyOf(b.detailTypes);
        this.severities = List.copyOf(b.severities);
        this.services = List.copyOf(b.services);
        this.categories = List.copyOf(b.categories);
        this.sources = List.copyOf(b.sources);
        this.labelsPresent = List.copyOf(b.labelsPresent);
        this.findings = b.findings;
        this.silenced = b.silenced;
    }

    private IncidentPattern(IncidentPattern pattern, SilencedIncidents silenced) {
        this.detailTypes = pattern.detailTypes;
        this.severities = pattern.severities;
        this.services = pattern.services;
        this.categories = pattern.categories;
        this.sources = pattern.sources;
        this.labelsPresent = pattern.labelsPresent;
        this.findings = pattern.findings;
        this.silenced = silenced;
    }

    /**
     * @return this pattern, treating silenced incidents as {@code silenced} unless the builder said
     *         how (a playbook's rule uses {@link SilencedIncidents#WHEN_PLAYBOOKS_RUN})
     */
    public IncidentPattern withSilencedDefault(SilencedIncidents silenced) {
        return this.silenced != null ? this : new IncidentPattern(this, silenced);
    }

    /** @return a builder matching every incident event */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the EventBridge pattern: always {@code source = incident-pipeline}, plus each field set */
    public EventPattern toEventPattern() {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (!severities.isEmpty()) {
            detail.put("severity", severities.stream().map(IncidentEvents.Severity::getValue).collect(Collectors.toList()));
        }
        if (!services.isEmpty()) {
            detail.put("service", services);
        }
        if (!categories.isEmpty()) {
            detail.put("category", categories);
        }
        if (!sources.isEmpty()) {
            detail.put("source", sources);
        }
        if (!labelsPresent.isEmpty()) {
            Map<String, Object> labels = new LinkedHashMap<>();
            labelsPresent.forEach(label -> labels.put(label, List.of(Map.of("exists", true))));
            detail.put("labels", labels);
        }
        if (findings != null) {
            detail.put("status", List.of("OPEN"));
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("verifiedBy", List.of("aws-eventbridge"));
            provenance.put("awsAccount", List.of(findings.account()));
            provenance.put("awsRegion", List.of(findings.region()));
            provenance.put("sample", List.of(false));
            detail.put("provenance", provenance);
            detail.put("$or", findings.triggers().stream().map(FindingTrigger::toPatternAlternative)
                    .collect(Collectors.toList()));
        }
        switch (silenced == null ? SilencedIncidents.SKIPPED : silenced) {
            case SKIPPED -> detail.put("silence", Map.of("silenceId", List.of(Map.of("exists", false))));
            case WHEN_PLAYBOOKS_RUN -> detail.put("silence", Map.of("playbooks",
                    List.of(Map.of("exists", false), true)));
            case INCLUDED -> {
            }
        }
        // Without detail types, the lifecycle events: a playbook matching its own results would run forever.
        List<IncidentEvents.DetailType> types = new ArrayList<>(!detailTypes.isEmpty() ? detailTypes : LIFECYCLE);
        if (types.contains(IncidentEvents.DetailType.OPENED) && !types.contains(IncidentEvents.DetailType.UNSILENCED)) {
            // An opening people were not told of is announced when its silence ends.
            types.add(IncidentEvents.DetailType.UNSILENCED);
        }
        EventPattern.Builder pattern = EventPattern.builder()
                .source(List.of(IncidentEvents.SOURCE))
                .detailType(types.stream().map(IncidentEvents.DetailType::getValue).collect(Collectors.toList()));
        if (!detail.isEmpty()) {
            pattern.detail(detail);
        }
        if (findings != null) {
            // Put on the bus by this account: the publisher's own events, never another account's.
            pattern.account(List.of(findings.account()));
        }
        return pattern.build();
    }

    /** Builder for {@link IncidentPattern}. */
    public static final class Builder {
        private final List<IncidentEvents.DetailType> detailTypes = new ArrayList<>();
        private final List<IncidentEvents.Severity> severities = new ArrayList<>();
        private final List<String> services = new ArrayList<>();
        private final List<String> categories = new ArrayList<>();
        private final List<String> sources = new ArrayList<>();
        private final List<String> labelsPresent = new ArrayList<>();
        private VerifiedFindings findings;
        private SilencedIncidents silenced;

        private Builder() {
        }

        /**
         * How to treat the events of incidents under a silence.
         *
         * @default {@link SilencedIncidents#SKIPPED}; a playbook's rule {@link SilencedIncidents#WHEN_PLAYBOOKS_RUN}
         */
        public Builder silencedIncidents(SilencedIncidents value) {
            silenced = value;
            return this;
        }

        /**
         * Matches only events put on the bus by {@code account}, of open incidents of AWS findings
         * that the pipeline verified itself (their {@code provenance}), about a resource of
         * {@code account} and {@code region}, not sample findings, and matching one of the triggers (product, finding type or control, state,
         * severity). Combined with {@link #severities}, both must hold.
         *
         * @param account the account, e.g. {@code Stack.of(this).getAccount()}
         * @param region  the region, e.g. {@code Stack.of(this).getRegion()}
         * @default provenance is not looked at
         */
        public Builder verifiedFindings(String account, String region, List<FindingTrigger> triggers) {
            if (account == null || region == null || triggers == null || triggers.isEmpty()) {
                throw new IllegalArgumentException("IncidentPattern.verifiedFindings: account, region and at least one"
                        + " trigger are required");
            }
            findings = new VerifiedFindings(account, region, List.copyOf(triggers));
            return this;
        }

        /**
         * Matches these events: lifecycle events, or playbook results ({@code PLAYBOOK_FAILED}, e.g. to
         * tell someone). @default the six lifecycle events, never playbook results
         */
        public Builder detailTypes(IncidentEvents.DetailType... types) {
            detailTypes.addAll(List.of(types));
            return this;
        }

        /** Matches these severities. @default every severity */
        public Builder severities(IncidentEvents.Severity... values) {
            severities.addAll(List.of(values));
            return this;
        }

        /** Matches incidents of these services (the {@code service} field). @default every service */
        public Builder services(String... values) {
            return addNames("services", services, values);
        }

        /** Matches incidents of these categories, e.g. {@code security}, {@code cost}. @default every category */
        public Builder categories(String... values) {
            return addNames("categories", categories, values);
        }

        /** Matches incidents from these alert sources, e.g. {@code generic}, {@code aws-budgets}. @default every source */
        public Builder sources(String... values) {
            return addNames("sources", sources, values);
        }

        /**
         * Matches incidents that carry all these labels, whatever their values, e.g. {@code s3Bucket}
         * for the incidents a bucket playbook can act on. @default labels are not looked at
         */
        public Builder labelsPresent(String... names) {
            for (String name : names) {
                if (name == null || !name.matches("[A-Za-z0-9._:/-]{1,128}")) {
                    throw new IllegalArgumentException("IncidentPattern.labelsPresent: '" + name + "' is not a label"
                            + " name (1-128 of A-Z a-z 0-9 . _ : / -)");
                }
                labelsPresent.add(name);
            }
            return this;
        }

        /** Names as the handlers normalize them: the characters the generic source accepts (docs/CONTRACTS.md). */
        private Builder addNames(String field, List<String> target, String... values) {
            for (String value : values) {
                if (value == null || !value.matches("[A-Za-z0-9._:/-]{1,128}")) {
                    throw new IllegalArgumentException("IncidentPattern." + field + ": '" + value + "' is not a name the"
                            + " handlers produce (1-128 of A-Z a-z 0-9 . _ : / -)");
                }
                target.add(value);
            }
            return this;
        }

        /** @return the pattern */
        public IncidentPattern build() {
            return new IncidentPattern(this);
        }
    }
}
