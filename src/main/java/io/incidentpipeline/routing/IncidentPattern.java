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
 * Fields left out match every value; values within a field are alternatives. Alternatives across
 * fields ("payments HIGH or checkout CRITICAL") are {@link #anyOf}.
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
    /** When not empty, this pattern is their union ({@link #anyOf}); the fields above are unset. */
    private final List<IncidentPattern> alternatives;
    private final Map<String, Object> escalation;
    /** How silenced incidents are treated; {@code null}: not said, {@link SilencedIncidents#SKIPPED} unless defaulted. */
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
        this.alternatives = List.of();
        this.escalation = b.escalation;
        this.silenced = b.silenced;
    }

    private IncidentPattern(List<IncidentPattern> alternatives, SilencedIncidents silenced) {
        this.detailTypes = alternatives.get(0).detailTypes;
        this.severities = List.of();
        this.services = List.of();
        this.categories = List.of();
        this.sources = List.of();
        this.labelsPresent = List.of();
        this.findings = null;
        this.alternatives = List.copyOf(alternatives);
        this.escalation = null;
        this.silenced = silenced;
    }

    private IncidentPattern(IncidentPattern pattern, SilencedIncidents silenced) {
        this.detailTypes = pattern.detailTypes;
        this.severities = pattern.severities;
        this.services = pattern.services;
        this.categories = pattern.categories;
        this.sources = pattern.sources;
        this.labelsPresent = pattern.labelsPresent;
        this.findings = pattern.findings;
        this.alternatives = pattern.alternatives;
        this.escalation = pattern.escalation;
        this.silenced = silenced;
    }

    /**
     * Matches the events any of {@code alternatives} matches, e.g. payments HIGH or checkout CRITICAL:
     *
     * <pre>{@code
     * IncidentPattern.anyOf(
     *         IncidentPattern.builder().services("payments").severities(Severity.HIGH).build(),
     *         IncidentPattern.builder().services("checkout").severities(Severity.CRITICAL).build())
     * }</pre>
     *
     * One rule with EventBridge's {@code $or} on the event's {@code detail}, so an event that two
     * alternatives match runs a playbook once. Silenced incidents are treated as the alternatives
     * say ({@link Builder#silencedIncidents}), which they must say alike; by default they are
     * skipped, as by any pattern.
     *
     * @param alternatives two or more patterns with the same detail types (a playbook per detail type
     *                     otherwise) and the same treatment of silenced incidents, none of them
     *                     {@code verifiedFindings} or itself an {@code anyOf}
     * @return the union of the alternatives
     * @throws IllegalArgumentException naming the alternative that breaks one of these rules
     */
    public static IncidentPattern anyOf(IncidentPattern... alternatives) {
        if (alternatives == null || alternatives.length < 2) {
            throw new IllegalArgumentException("IncidentPattern.anyOf: give two or more alternatives, got "
                    + (alternatives == null ? 0 : alternatives.length) + "; one pattern needs no anyOf.");
        }
        for (int i = 0; i < alternatives.length; i++) {
            IncidentPattern alternative = alternatives[i];
            String which = "IncidentPattern.anyOf: alternative #" + (i + 1);
            if (alternative == null) {
                throw new IllegalArgumentException(which + " is null");
            }
            if (alternative.findings != null || !alternative.alternatives.isEmpty()) {
                throw new IllegalArgumentException(which + (alternative.findings != null ? " uses verifiedFindings"
                        : " is itself an anyOf") + ", which anyOf cannot combine; give it a playbook of its own, or"
                        + " list the alternatives of a nested anyOf directly.");
            }
            if (!alternative.types().equals(alternatives[0].types())) {
                throw new IllegalArgumentException(which + " matches detail types " + names(alternative.types())
                        + " and alternative #1 " + names(alternatives[0].types()) + "; the alternatives of one"
                        + " pattern share their detail types: add a playbook per detail type instead.");
            }
            if (alternative.silenced != alternatives[0].silenced) {
                throw new IllegalArgumentException(which + " treats silenced incidents as " + said(alternative.silenced)
                        + " and alternative #1 as " + said(alternatives[0].silenced) + "; one rule treats them one"
                        + " way: set the same silencedIncidents on every alternative.");
            }
        }
        return new IncidentPattern(List.of(alternatives), alternatives[0].silenced);
    }

    private static String said(SilencedIncidents silenced) {
        return silenced == null ? "the default (not set)" : silenced.name();
    }

    private static List<String> names(List<IncidentEvents.DetailType> types) {
        return types.stream().map(IncidentEvents.DetailType::getValue).collect(Collectors.toList());
    }

    /** Without detail types, the lifecycle events: a playbook matching its own results would run forever. */
    private List<IncidentEvents.DetailType> types() {
        return !detailTypes.isEmpty() ? detailTypes : LIFECYCLE;
    }

    /**
     * The detail types of the rule: {@link #types()}, and {@code Incident Unsilenced} with
     * {@code Incident Opened}, since an opening people were not told of is announced when its silence ends.
     */
    private List<IncidentEvents.DetailType> eventTypes() {
        List<IncidentEvents.DetailType> types = new ArrayList<>(types());
        if (types.contains(IncidentEvents.DetailType.OPENED) && !types.contains(IncidentEvents.DetailType.UNSILENCED)) {
            types.add(IncidentEvents.DetailType.UNSILENCED);
        }
        return types;
    }

    /**
     * This pattern, treating silenced incidents as {@code silenced} unless it says how itself (a
     * playbook's rule uses {@link SilencedIncidents#WHEN_PLAYBOOKS_RUN}).
     *
     * @param silenced the treatment when the pattern's builder (or its {@link #anyOf} alternatives) set none
     * @return this pattern when it says how, else a copy that treats them as {@code silenced}
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
        Map<String, Object> detail = alternatives.isEmpty() ? detail() : alternativeDetails();
        putSilenced(detail);
        EventPattern.Builder pattern = EventPattern.builder()
                .source(List.of(IncidentEvents.SOURCE))
                .detailType(names(eventTypes()));
        if (!detail.isEmpty()) {
            pattern.detail(detail);
        }
        if (findings != null) {
            // Put on the bus by this account: the publisher's own events, never another account's.
            pattern.account(List.of(findings.account()));
        }
        return pattern.build();
    }

    /** {@code $or} of the alternatives' details; an alternative without one matches every event of its types. */
    private Map<String, Object> alternativeDetails() {
        List<Map<String, Object>> details = alternatives.stream().map(IncidentPattern::detail).toList();
        Map<String, Object> detail = new LinkedHashMap<>();
        if (details.stream().noneMatch(Map::isEmpty)) {
            detail.put("$or", details);
        }
        return detail;
    }

    private Map<String, Object> detail() {
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
        if (escalation != null) {
            detail.put("escalation", escalation);
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
        return detail;
    }

    /** Where silenced incidents' events are kept out: in {@code detail.silence}, for a single pattern or an anyOf alike. */
    private void putSilenced(Map<String, Object> detail) {
        switch (silenced == null ? SilencedIncidents.SKIPPED : silenced) {
            case SKIPPED -> detail.put("silence", Map.of("silenceId", List.of(Map.of("exists", false))));
            case WHEN_PLAYBOOKS_RUN -> detail.put("silence", Map.of("playbooks",
                    List.of(Map.of("exists", false), true)));
            case INCLUDED -> {
            }
        }
    }

    /**
     * The incident fields this pattern matches, for an escalation policy, which matches incidents
     * rather than events: {@code severity}, {@code service}, {@code category}, {@code source} to their
     * values, and {@code labels} to the label names an incident must carry; fields left out match
     * everything.
     *
     * @return the fields, in that order, only those set
     * @throws IllegalArgumentException when the pattern also looks at what only an event has: detail
     *                                  types, verified findings, escalation levels or silences, or is an
     *                                  {@link #anyOf}
     */
    public Map<String, List<String>> toIncidentMatch() {
        if (!detailTypes.isEmpty() || findings != null || escalation != null || silenced != null
                || !alternatives.isEmpty()) {
            throw new IllegalArgumentException("an incident match takes severities, services, categories, sources and"
                    + " labelsPresent only: build the IncidentPattern without detailTypes, verifiedFindings,"
                    + " escalation levels, silencedIncidents and anyOf (a silenced incident's levels wait for its"
                    + " silence to end; give each alternative a policy of its own)");
        }
        Map<String, List<String>> match = new LinkedHashMap<>();
        if (!severities.isEmpty()) {
            match.put("severity", severities.stream().map(IncidentEvents.Severity::getValue).collect(Collectors.toList()));
        }
        putIfAny(match, "service", services);
        putIfAny(match, "category", categories);
        putIfAny(match, "source", sources);
        putIfAny(match, "labels", labelsPresent);
        return match;
    }

    private static void putIfAny(Map<String, List<String>> match, String field, List<String> values) {
        if (!values.isEmpty()) {
            match.put(field, values);
        }
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
        private Map<String, Object> escalation;
        private SilencedIncidents silenced;

        private Builder() {
        }

        /**
         * Matches the {@code Incident Escalated} events of one level of an escalation policy: those
         * the sweeper puts when nobody acknowledged an incident in time ({@code detail.escalation}).
         *
         * @param policy the policy's name
         * @param level  the level, 1 the first
         * @return this builder
         * @default escalation levels are not looked at
         */
        public Builder escalationLevel(String policy, int level) {
            if (escalation != null) {
                throw new IllegalArgumentException("IncidentPattern: escalationLevel and withoutEscalationLevels exclude"
                        + " each other, and a pattern matches one level; build one pattern per level");
            }
            // Ordered: the template must not change from one synth to the next.
            Map<String, Object> levelMatch = new LinkedHashMap<>();
            levelMatch.put("policy", List.of(policy));
            levelMatch.put("level", List.of(level));
            escalation = levelMatch;
            return this;
        }

        /**
         * Matches no {@code Incident Escalated} event of an escalation policy's level, only severity
         * escalations: for routes that page by severity and leave unacknowledged incidents to the policies.
         *
         * @return this builder
         * @default escalation levels match like any other event of their type
         */
        public Builder withoutEscalationLevels() {
            if (escalation != null) {
                throw new IllegalArgumentException("IncidentPattern: escalationLevel and withoutEscalationLevels exclude"
                        + " each other");
            }
            escalation = Map.of("reason", List.of(Map.of("exists", false)));
            return this;
        }

        /**
         * How to treat the events of incidents under a silence.
         *
         * @param value skipped, matched when the silence lets playbooks run, or all included
         * @return this builder
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
         * @param account  the account, e.g. {@code Stack.of(this).getAccount()}
         * @param region   the region, e.g. {@code Stack.of(this).getRegion()}
         * @param triggers the triggers, at least one: an event matches if it matches any of them
         * @return this builder
         * @throws IllegalArgumentException if the account or the region is missing, or there is no trigger
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
         * tell someone).
         *
         * @param types the detail types matched
         * @return this builder
         * @default the six lifecycle events, never playbook results
         */
        public Builder detailTypes(IncidentEvents.DetailType... types) {
            detailTypes.addAll(List.of(types));
            return this;
        }

        /**
         * Matches these severities.
         *
         * @param values the severities, added to those already set
         * @return this builder
         * @default every severity
         */
        public Builder severities(IncidentEvents.Severity... values) {
            severities.addAll(List.of(values));
            return this;
        }

        /**
         * Matches incidents of these services (the {@code service} field).
         *
         * @param values the service names, added to those already set
         * @return this builder
         * @throws IllegalArgumentException naming a value that is not a name the handlers produce
         *                                  (1-128 of A-Z a-z 0-9 . _ : / -)
         * @default every service
         */
        public Builder services(String... values) {
            return addNames("services", services, values);
        }

        /**
         * Matches incidents of these categories, e.g. {@code security}, {@code cost}.
         *
         * @param values the category names, added to those already set
         * @return this builder
         * @throws IllegalArgumentException naming a value that is not a name the handlers produce
         *                                  (1-128 of A-Z a-z 0-9 . _ : / -)
         * @default every category
         */
        public Builder categories(String... values) {
            return addNames("categories", categories, values);
        }

        /**
         * Matches incidents from these alert sources, e.g. {@code generic}, {@code aws-budgets}.
         *
         * @param values the source names, added to those already set
         * @return this builder
         * @throws IllegalArgumentException naming a value that is not a name the handlers produce
         *                                  (1-128 of A-Z a-z 0-9 . _ : / -)
         * @default every source
         */
        public Builder sources(String... values) {
            return addNames("sources", sources, values);
        }

        /**
         * Matches incidents that carry all these labels, whatever their values, e.g. {@code s3Bucket}
         * for the incidents a bucket playbook can act on.
         *
         * @param names the label names, added to those already set
         * @return this builder
         * @throws IllegalArgumentException naming a value that is not a label name (1-128 of A-Z a-z 0-9 . _ : / -)
         * @default labels are not looked at
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
