package io.incidentpipeline.handlers.escalation;

import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.store.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The escalation policies of a pipeline, as the {@code EscalationPolicy} constructs write them into
 * {@value #ENVIRONMENT_VARIABLE} (docs/CONTRACTS.md, "Escalation"): which incidents each one takes
 * (the first policy that matches wins) and when each level is due. Where a level's event goes is no
 * concern of the handlers: the bus's rules route each level to its targets; the handlers only name
 * them in the event.
 *
 * <pre>{@code
 * [{"name":"checkout-critical","match":{"service":["checkout"],"severity":["critical"]},
 *   "levels":[{"afterSeconds":300,"targets":["urgent"]},{"afterSeconds":900,"targets":["managers"]}],
 *   "repeatEverySeconds":1800}]
 * }</pre>
 */
public final class EscalationPolicies {
    /** The environment variable the publisher and the sweeper read the policies from. */
    public static final String ENVIRONMENT_VARIABLE = "ESCALATION_POLICIES";
    /** The incident fields a policy's {@code match} may name, each with the values it takes. */
    private static final List<String> MATCH_FIELDS = List.of("severity", "service", "category", "source");

    private final List<Policy> policies;

    private EscalationPolicies(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    /** @return no policies: nothing escalates */
    public static EscalationPolicies none() {
        return new EscalationPolicies(List.of());
    }

    /**
     * One level: notify its targets when it falls due.
     *
     * @param after   how long after the previous level (the first: after the incident opened or its
     *                severity rose) it falls due if nobody acknowledged the incident
     * @param targets the names of its targets, for the event and the timeline
     */
    public record Level(Duration after, List<String> targets) {
        public Level {
            targets = List.copyOf(targets);
        }
    }

    /**
     * A policy.
     *
     * @param name        its name, unique among the pipeline's policies
     * @param match       incident field ({@code severity}, {@code service}, {@code category}, {@code source})
     *                    to the values it matches; a field left out matches every value
     * @param labels      label names an incident must carry, whatever their values
     * @param levels      its levels, in order
     * @param repeatEvery how often the last level repeats until someone acknowledges, or {@code null}
     */
    public record Policy(String name, Map<String, List<String>> match, List<String> labels, List<Level> levels,
            Duration repeatEvery) {
        public Policy {
            match = Map.copyOf(match);
            labels = List.copyOf(labels);
            levels = List.copyOf(levels);
        }

        /** @return whether the policy takes this incident */
        public boolean matches(Incident incident) {
            Map<String, String> fields = Map.of("severity", incident.severity().value(), "service", incident.service(),
                    "category", incident.category(), "source", incident.source());
            return match.entrySet().stream().allMatch(e -> e.getValue().contains(fields.get(e.getKey())))
                    && incident.labels().keySet().containsAll(labels);
        }

        /** @return the level after {@code fired} levels (0: the first), or empty when every level has fired */
        public Optional<Level> level(int fired) {
            return fired < levels.size() ? Optional.of(levels.get(fired)) : Optional.empty();
        }
    }

    /**
     * Reads the policies.
     *
     * @param json the variable's value; unset or blank: no policies
     * @throws ConfigurationException naming what is malformed
     */
    public static EscalationPolicies parse(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        try {
            if (!(Json.read(json) instanceof List<?> list)) {
                throw new IllegalArgumentException("it is not a JSON array");
            }
            List<Policy> policies = new ArrayList<>();
            for (Object entry : list) {
                Policy policy = policy(entry);
                if (policies.stream().anyMatch(p -> p.name().equals(policy.name()))) {
                    throw new IllegalArgumentException("policy '" + policy.name() + "' is listed twice");
                }
                policies.add(policy);
            }
            return new EscalationPolicies(policies);
        } catch (RuntimeException e) {
            throw new ConfigurationException(ENVIRONMENT_VARIABLE + " is malformed (" + e.getMessage() + "). The"
                    + " EscalationPolicy construct writes it; if you set it yourself, follow docs/CONTRACTS.md, Escalation.");
        }
    }

    private static Policy policy(Object entry) {
        Map<?, ?> policy = object(entry, "a policy");
        String name = string(policy.get("name"), "a policy's name");
        Map<String, List<String>> match = new LinkedHashMap<>();
        List<String> labels = List.of();
        if (policy.get("match") != null) {
            for (Map.Entry<?, ?> field : object(policy.get("match"), "policy " + name + "'s match").entrySet()) {
                if ("labels".equals(field.getKey())) {
                    labels = strings(field.getValue(), "policy " + name + "'s labels");
                } else if (MATCH_FIELDS.contains(field.getKey())) {
                    match.put((String) field.getKey(), strings(field.getValue(), "policy " + name + "'s " + field.getKey()));
                } else {
                    throw new IllegalArgumentException("policy " + name + " matches on '" + field.getKey()
                            + "'; it may match on " + MATCH_FIELDS + " and labels");
                }
            }
        }
        if (!(policy.get("levels") instanceof List<?> levelList) || levelList.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + " has no levels");
        }
        List<Level> levels = new ArrayList<>();
        for (Object level : levelList) {
            Map<?, ?> fields = object(level, "a level of policy " + name);
            levels.add(new Level(seconds(fields.get("afterSeconds"), "afterSeconds of policy " + name, 0),
                    strings(fields.get("targets"), "targets of policy " + name)));
        }
        Object repeat = policy.get("repeatEverySeconds");
        return new Policy(name, match, labels, levels,
                repeat == null ? null : seconds(repeat, "repeatEverySeconds of policy " + name, 60));
    }

    private static Map<?, ?> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return map;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(what + " is not a non-empty string");
        }
        return text;
    }

    private static List<String> strings(Object value, String what) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(what + " is not a non-empty array of strings");
        }
        return list.stream().map(item -> string(item, "an entry of " + what)).toList();
    }

    private static Duration seconds(Object value, String what, long minimum) {
        if (!(value instanceof Number number) || number.longValue() < minimum || number.doubleValue() != number.longValue()) {
            throw new IllegalArgumentException(what + " is not a whole number of seconds, at least " + minimum);
        }
        return Duration.ofSeconds(number.longValue());
    }

    /** @return whether there is no policy: nothing escalates */
    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /** @return the first policy that takes {@code incident}, if any */
    public Optional<Policy> forIncident(Incident incident) {
        return policies.stream().filter(p -> p.matches(incident)).findFirst();
    }

    /** @return the policy named {@code name}, if it still exists */
    public Optional<Policy> named(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
