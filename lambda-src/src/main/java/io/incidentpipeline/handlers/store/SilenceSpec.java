package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a silence from its JSON form, the operator API's {@code POST /silences} body and a
 * {@code PLANNED_SILENCES} entry alike: {@code matcher} ({@code service}, {@code source},
 * {@code severity}, {@code labels}, {@code matchAll}), {@code startsAt} (default now),
 * {@code endsAt}, {@code comment}, {@code runPlaybooks} (default false). Every problem is an
 * {@link InvalidSilenceException} naming the field and the fix.
 */
public final class SilenceSpec {
    /** The most characters of a comment. */
    public static final int MAX_COMMENT_CHARS = 1024;
    /** The most labels a matcher names. */
    public static final int MAX_LABELS = 10;
    /** How far in the past a silence may start: a clock a little behind is fine, a backdated window is not. */
    static final Duration START_TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final Set<String> FIELDS = Set.of("matcher", "startsAt", "endsAt", "comment", "runPlaybooks");
    private static final Set<String> MATCHER_FIELDS = Set.of("service", "source", "severity", "labels", "matchAll");

    private SilenceSpec() {
    }

    /** A field of a silence is missing or wrong: nothing was written. */
    public static final class InvalidSilenceException extends RuntimeException {
        private final String field;

        InvalidSilenceException(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        /** @return the field, e.g. {@code endsAt} or {@code matcher.severity} */
        public String field() {
            return field;
        }
    }

    /**
     * @param fields    the JSON object
     * @param silenceId the id it gets
     * @param createdBy who creates it
     * @param now       the time of the request: a silence may not end before it, nor start long before it
     * @param request   whether it is a new silence requested now, which may neither start long before now nor
     *                  have ended; a planned window is read again at every cold start, also once it is past
     */
    public static Silence read(Map<String, Object> fields, String silenceId, String createdBy, Instant now,
            boolean request) {
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidSilenceException(name, "unknown field; a silence has matcher, startsAt, endsAt,"
                        + " comment and runPlaybooks.");
            }
        }
        Silence.Matcher matcher = matcher(fields.get("matcher"));
        Instant startsAt = time(fields, "startsAt").orElse(now);
        Instant endsAt = time(fields, "endsAt").orElseThrow(() -> new InvalidSilenceException("endsAt",
                "required: when the silence ends, ISO-8601 with a zone, e.g. 2026-12-02T18:00:00Z."));
        if (request && startsAt.isBefore(now.minus(START_TOLERANCE))) {
            throw new InvalidSilenceException("startsAt", "is " + Timestamps.format(startsAt) + ", in the past; leave it"
                    + " out to start now, or give a future time.");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidSilenceException("endsAt", "is " + Timestamps.format(endsAt) + ", not after startsAt "
                    + Timestamps.format(startsAt) + "; a silence must end after it starts.");
        }
        if (request && !endsAt.isAfter(now)) {
            throw new InvalidSilenceException("endsAt", "is " + Timestamps.format(endsAt) + ", already past; give a"
                    + " future time.");
        }
        if (endsAt.isAfter(startsAt.plus(Silence.MAX_DURATION))) {
            throw new InvalidSilenceException("endsAt", "is more than " + Silence.MAX_DURATION.toDays() + " days after"
                    + " startsAt; a silence lasts at most " + Silence.MAX_DURATION.toDays() + " days. Split a longer"
                    + " window, or fix what alerts.");
        }
        Object comment = fields.get("comment");
        if (!(comment instanceof String text) || text.isBlank() || text.length() > MAX_COMMENT_CHARS
                || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new InvalidSilenceException("comment", "required: why the silence exists (e.g. the change ticket),"
                    + " a string of 1-" + MAX_COMMENT_CHARS + " characters without control characters.");
        }
        Object runPlaybooks = fields.getOrDefault("runPlaybooks", false);
        if (!(runPlaybooks instanceof Boolean run)) {
            throw new InvalidSilenceException("runPlaybooks", "must be true or false (default false: playbooks wait"
                    + " with the notifications).");
        }
        return new Silence(silenceId, matcher, startsAt, endsAt, text, createdBy, now, run);
    }

    private static Silence.Matcher matcher(Object value) {
        if (!(value instanceof Map<?, ?> fields)) {
            throw new InvalidSilenceException("matcher", "required: an object with at least one of service, source,"
                    + " severity, labels (or \"matchAll\": true to silence every alert).");
        }
        for (Object name : fields.keySet()) {
            if (!MATCHER_FIELDS.contains(name)) {
                throw new InvalidSilenceException("matcher." + name, "unknown field; a matcher has service, source,"
                        + " severity, labels and matchAll.");
            }
        }
        String service = name(fields.get("service"), "matcher.service");
        String source = name(fields.get("source"), "matcher.source");
        Set<Severity> severities = severities(fields.get("severity"));
        Map<String, String> labels = labels(fields.get("labels"));
        Object matchAll = fields.get("matchAll");
        if (matchAll != null && !(matchAll instanceof Boolean)) {
            throw new InvalidSilenceException("matcher.matchAll", "must be true or false.");
        }
        Silence.Matcher matcher = new Silence.Matcher(service, source, severities, labels, Boolean.TRUE.equals(matchAll));
        if (matcher.isEmpty() && !matcher.matchAll()) {
            throw new InvalidSilenceException("matcher", "is empty and would silence every alert; name a service,"
                    + " source, severity or labels, or set \"matchAll\": true if that is what you mean.");
        }
        if (!matcher.isEmpty() && matcher.matchAll()) {
            throw new InvalidSilenceException("matcher.matchAll", "is set with other fields; use matchAll alone, or"
                    + " leave it out.");
        }
        return matcher;
    }

    private static String name(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || !NAME.matcher(text).matches()) {
            throw new InvalidSilenceException(field, "must be 1-128 characters of letters, digits and . _ : / -,"
                    + " as the incident's field shows it.");
        }
        return text;
    }

    private static Set<Severity> severities(Object value) {
        if (value == null) {
            return Set.of();
        }
        List<Object> values = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        for (Object one : values) {
            severities.add(one instanceof String text ? Severity.fromValue(text).orElseThrow(() -> invalidSeverity())
                    : null);
        }
        if (severities.isEmpty() || severities.contains(null)) {
            throw invalidSeverity();
        }
        return severities;
    }

    private static InvalidSilenceException invalidSeverity() {
        return new InvalidSilenceException("matcher.severity", "must be a severity or a list of them: "
                + Severity.allValues() + ".");
    }

    private static Map<String, String> labels(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map) || map.size() > MAX_LABELS) {
            throw new InvalidSilenceException("matcher.labels", "must be an object of at most " + MAX_LABELS
                    + " label names and string values, e.g. {\"env\": \"staging\"}.");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<?, ?> label : map.entrySet()) {
            String name = String.valueOf(label.getKey());
            if (!NAME.matcher(name).matches() || !(label.getValue() instanceof String text) || text.isEmpty()
                    || text.length() > 256) {
                throw new InvalidSilenceException("matcher.labels." + name, "must be a label name (1-128 of letters,"
                        + " digits and . _ : / -) with a string value of 1-256 characters.");
            }
            labels.put(name, text);
        }
        return labels;
    }

    private static Optional<Instant> time(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse((String) value));
        } catch (RuntimeException e) {
            throw new InvalidSilenceException(field, "is '" + value + "'; use ISO-8601 UTC, e.g. 2026-12-02T18:00:00Z.");
        }
    }
}
