package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A window in which the incidents that alerts matching {@link Matcher} open are recorded but not
 * announced to people: notifications and escalation do not fire, playbooks only if
 * {@code runPlaybooks} (docs/CONTRACTS.md, "Silences").
 *
 * @param silenceId    {@code sil_} and a ULID for one made through the operator API; the key's name
 *                     ({@code planned:<name>}) for one declared in {@code cdk.json}
 * @param matcher      which alerts it covers
 * @param startsAt     when it starts
 * @param endsAt       when it ends, at most {@link #MAX_DURATION} after {@code startsAt}
 * @param comment      why, e.g. the change ticket
 * @param createdBy    the IAM principal ARN that created it, or {@code cdk.json} for a planned window
 * @param createdAt    when it was created
 * @param runPlaybooks whether playbooks still run on the incidents it covers
 */
public record Silence(String silenceId, Matcher matcher, Instant startsAt, Instant endsAt, String comment,
        String createdBy, Instant createdAt, boolean runPlaybooks) {
    /** The longest a silence may last: a maintenance window, not a way to switch alerting off. */
    public static final Duration MAX_DURATION = Duration.ofDays(14);
    /** The prefix of the ids of silences made through the operator API. */
    public static final String ID_PREFIX = "sil_";
    /** The prefix of the ids of planned windows declared in {@code cdk.json}. */
    public static final String PLANNED_PREFIX = "planned:";

    /** @return whether it is in force at {@code now}: started, not yet ended */
    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** @return whether it was declared in {@code cdk.json} (it is changed there, not through the API) */
    public boolean planned() {
        return silenceId.startsWith(PLANNED_PREFIX);
    }

    /**
     * Which alerts a silence covers: every field given must match (service, source and labels
     * exactly, severity one of those listed). An empty matcher covers every alert, and is accepted
     * only with {@code matchAll}.
     *
     * @param service    the alert's {@code service}, or {@code null} for any
     * @param source     the alert source, or {@code null} for any
     * @param severities the severities covered, or empty for any
     * @param labels     labels the alert must carry with exactly these values, possibly empty
     * @param matchAll   set when the matcher is deliberately empty
     */
    public record Matcher(String service, String source, Set<Severity> severities, Map<String, String> labels,
            boolean matchAll) {
        public Matcher {
            severities = severities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(severities));
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        }

        /** @return whether it names nothing to match on */
        public boolean isEmpty() {
            return service == null && source == null && severities.isEmpty() && labels.isEmpty();
        }

        /** @return whether it covers {@code alert} */
        public boolean matches(Alert alert) {
            return (service == null || service.equals(alert.service()))
                    && (source == null || source.equals(alert.source()))
                    && (severities.isEmpty() || severities.contains(alert.severity()))
                    && labels.entrySet().stream().allMatch(label -> label.getValue().equals(alert.labels().get(label.getKey())));
        }

        /** @return the matcher as the API shows it */
        public Map<String, Object> toDocument() {
            Map<String, Object> document = new LinkedHashMap<>();
            if (service != null) {
                document.put("service", service);
            }
            if (source != null) {
                document.put("source", source);
            }
            if (!severities.isEmpty()) {
                document.put("severity", severities.stream().map(Severity::value).toList());
            }
            if (!labels.isEmpty()) {
                document.put("labels", labels);
            }
            if (matchAll) {
                document.put("matchAll", true);
            }
            return document;
        }
    }

    /** @return the silence as the API shows it */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("silenceId", silenceId);
        document.put("matcher", matcher.toDocument());
        document.put("startsAt", Timestamps.format(startsAt));
        document.put("endsAt", Timestamps.format(endsAt));
        document.put("comment", comment);
        document.put("createdBy", createdBy);
        document.put("createdAt", Timestamps.format(createdAt));
        document.put("runPlaybooks", runPlaybooks);
        document.put("origin", planned() ? "cdk.json" : "api");
        return document;
    }

    /**
     * @return the silence as an incident it covers carries it (kept apart from this class, which the
     *         playbook SDK's copy of {@link Incident} does without)
     */
    public IncidentSilence covering() {
        return new IncidentSilence(silenceId(), endsAt(), runPlaybooks());
    }
}
