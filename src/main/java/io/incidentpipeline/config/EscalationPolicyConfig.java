package io.incidentpipeline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One escalation policy of the {@code escalationPolicies} context key (README, "Escalation"): a JSON
 * array in {@code cdk.json}, or the same JSON as a string with {@code -c}.
 *
 * <pre>{@code
 * "escalationPolicies": [
 *   {"name": "critical", "severities": ["critical"],
 *    "levels": [{"afterMinutes": 5, "targets": ["urgent", "chat"]},
 *               {"afterMinutes": 15, "targets": ["sns:managers"]}],
 *    "repeatEveryMinutes": 30}
 * ]
 * }</pre>
 *
 * @param name              the policy's name
 * @param severities        the severities it takes; empty: all
 * @param services          the services it takes; empty: all
 * @param categories        the categories it takes; empty: all
 * @param sources           the alert sources it takes; empty: all
 * @param labelsPresent     labels an incident must carry
 * @param levels            its levels, in order
 * @param repeatEveryMinutes how often the last level repeats, or {@code null}
 */
public record EscalationPolicyConfig(String name, List<String> severities, List<String> services,
        List<String> categories, List<String> sources, List<String> labelsPresent, List<Level> levels,
        Integer repeatEveryMinutes) {
    /** The context key. */
    public static final String KEY = "escalationPolicies";
    private static final Set<String> FIELDS = Set.of("name", "severities", "services", "categories", "sources",
            "labelsPresent", "levels", "repeatEveryMinutes");
    private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low", "info");
    private static final String NAME = "[A-Za-z0-9._:/-]{1,128}";
    private static final String TARGETS = "urgent, routine, chat, sns:<topic name> (that topic in each region's"
            + " account), an SNS topic ARN of the stage's only region, or an EventBridge event bus ARN";

    /**
     * A level.
     *
     * @param afterMinutes minutes after the previous level (the first: after the incident opened or its severity rose)
     * @param targets      {@code urgent}, {@code routine}, {@code chat}, {@code sns:<name>}, an SNS topic ARN or an
     *                     event bus ARN
     */
    public record Level(int afterMinutes, List<String> targets) {
    }

    /** Reports one problem: the key path, the value, the fix. */
    interface Problems {
        void add(String key, Object value, String fix);
    }

    /**
     * @param raw       the key's value: a list of objects, or its JSON text; {@code null} when unset
     * @param regions   the stage's regions: an SNS topic ARN must be in the only one
     * @param chat      whether a chat webhook is configured (target {@code chat})
     * @return the policies, or those that are valid when {@code problems} got some
     */
    static List<EscalationPolicyConfig> read(Object raw, List<String> regions, boolean chat, Problems problems) {
        if (raw == null) {
            return List.of();
        }
        Object value = raw;
        if (raw instanceof String text) {
            try {
                value = new ObjectMapper().readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                problems.add(KEY, raw, "must be a JSON array of policies (see README, Escalation): "
                        + e.getOriginalMessage());
                return List.of();
            }
        }
        if (!(value instanceof List<?> list)) {
            problems.add(KEY, raw, "must be a JSON array of policies, e.g. [{\"name\":\"critical\",\"severities\":"
                    + "[\"critical\"],\"levels\":[{\"afterMinutes\":5,\"targets\":[\"urgent\"]}]}]");
            return List.of();
        }
        List<EscalationPolicyConfig> policies = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int[] found = {0};
        Problems counted = (key, v, fix) -> {
            found[0]++;
            problems.add(key, v, fix);
        };
        for (int i = 0; i < list.size(); i++) {
            String at = KEY + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> policy)) {
                problems.add(at, list.get(i), "must be an object with name, levels and what it matches");
                continue;
            }
            int before = found[0];
            EscalationPolicyConfig read = policy(at, policy, regions, chat, counted);
            if (read != null && !names.add(read.name())) {
                problems.add(at + ".name", read.name(), "another policy has this name; give each policy its own");
            } else if (read != null && found[0] == before) {
                policies.add(read);
            }
        }
        return List.copyOf(policies);
    }

    private static EscalationPolicyConfig policy(String at, Map<?, ?> policy, List<String> regions, boolean chat,
            Problems problems) {
        for (Object field : policy.keySet()) {
            if (!FIELDS.contains(field)) {
                problems.add(at + "." + field, policy.get(field), "unknown field; a policy has " + new java.util.TreeSet<>(FIELDS));
            }
        }
        Object name = policy.get("name");
        if (!(name instanceof String text) || !text.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problems.add(at + ".name", name, "must be 1-64 lowercase letters, digits and dashes, e.g. checkout-critical");
            return null;
        }
        String where = KEY + "[" + text + "]";
        List<String> severities = strings(where + ".severities", policy.get("severities"), problems,
                v -> SEVERITIES.contains(v.toLowerCase(Locale.ROOT)), "one of " + new java.util.TreeSet<>(SEVERITIES))
                .stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        List<String> services = strings(where + ".services", policy.get("services"), problems, v -> v.matches(NAME),
                "1-128 of A-Z a-z 0-9 . _ : / -");
        List<String> categories = strings(where + ".categories", policy.get("categories"), problems, v -> v.matches(NAME),
                "1-128 of A-Z a-z 0-9 . _ : / -");
        List<String> sources = strings(where + ".sources", policy.get("sources"), problems, v -> v.matches(NAME),
                "1-128 of A-Z a-z 0-9 . _ : / -");
        List<String> labels = strings(where + ".labelsPresent", policy.get("labelsPresent"), problems,
                v -> v.matches(NAME), "1-128 of A-Z a-z 0-9 . _ : / -");
        List<Level> levels = new ArrayList<>();
        if (!(policy.get("levels") instanceof List<?> levelList) || levelList.isEmpty() || levelList.size() > 10) {
            problems.add(where + ".levels", policy.get("levels"), "must list 1 to 10 levels, each {\"afterMinutes\": 5,"
                    + " \"targets\": [\"urgent\"]}");
        } else {
            for (int i = 0; i < levelList.size(); i++) {
                Level level = level(where + ".levels[" + i + "]", levelList.get(i), i == 0 ? 0 : 1, regions, chat, problems);
                if (level != null) {
                    levels.add(level);
                }
            }
        }
        Integer repeat = null;
        if (policy.get("repeatEveryMinutes") != null) {
            repeat = minutes(where + ".repeatEveryMinutes", policy.get("repeatEveryMinutes"), 1, problems);
        }
        return new EscalationPolicyConfig(text, severities, services, categories, sources, labels, levels, repeat);
    }

    private static Level level(String at, Object raw, int minimum, List<String> regions, boolean chat, Problems problems) {
        if (!(raw instanceof Map<?, ?> level)) {
            problems.add(at, raw, "must be an object {\"afterMinutes\": 5, \"targets\": [\"urgent\"]}");
            return null;
        }
        Integer after = minutes(at + ".afterMinutes", level.get("afterMinutes"), minimum, problems);
        List<String> targets = strings(at + ".targets", level.get("targets"), problems, target -> true, TARGETS);
        if (targets.isEmpty() || targets.size() > 5) {
            problems.add(at + ".targets", level.get("targets"), "must list 1 to 5 targets: " + TARGETS);
        }
        for (String target : targets) {
            String why = target(target, regions, chat);
            if (why != null) {
                problems.add(at + ".targets", target, why + "; a target is " + TARGETS);
            }
        }
        return after == null ? null : new Level(after, targets);
    }

    /** @return why {@code target} is not one, or {@code null} when it is */
    private static String target(String target, List<String> regions, boolean chat) {
        if (target.equals("urgent") || target.equals("routine")) {
            return null;
        }
        if (target.equals("chat")) {
            return chat ? null : "chat needs chatWebhookUrl and chatWebhookSecretName";
        }
        if (target.matches("sns:[A-Za-z0-9_-]{1,256}")) {
            return null;
        }
        if (target.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}")) {
            String region = target.split(":")[3];
            return regions.size() == 1 && regions.get(0).equals(region) ? null : "an SNS topic ARN must be in the"
                    + " stage's only region (EventBridge reaches topics of its own region); use sns:<topic name> for a"
                    + " topic of that name in every region";
        }
        if (target.matches("arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[A-Za-z0-9._/-]{1,256}")) {
            return null;
        }
        return "unknown target";
    }

    private static Integer minutes(String at, Object raw, int minimum, Problems problems) {
        if (raw instanceof Number number && number.doubleValue() == number.intValue() && number.intValue() >= minimum
                && number.intValue() <= 1440) {
            return number.intValue();
        }
        problems.add(at, raw, "must be a whole number of minutes from " + minimum + " to 1440 (24 hours)"
                + (minimum == 1 ? "; a later level or a repeat waits at least a minute (the sweep runs once a minute)" : ""));
        return null;
    }

    private static List<String> strings(String at, Object raw, Problems problems, java.util.function.Predicate<String> valid,
            String what) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof Collection<?> values)) {
            problems.add(at, raw, "must be a JSON array of " + what);
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String text) || !valid.test(text)) {
                problems.add(at, value, "must be " + what);
            } else {
                result.add(text);
            }
        }
        return List.copyOf(result);
    }
}
