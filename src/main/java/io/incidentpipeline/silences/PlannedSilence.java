package io.incidentpipeline.silences;

import io.incidentpipeline.routing.IncidentEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A maintenance window declared with the deployment (the app's {@code silences} context key, or
 * {@link PlannedSilences} in your own stack): between {@code startsAt} and {@code endsAt}, alerts
 * that match open incidents that are recorded but not announced to people, exactly like a silence
 * made through the operator API (docs/CONTRACTS.md, "Silences"). Its id is {@code planned:<name>}.
 */
public final class PlannedSilence {
    /** The longest a window may last, as for silences made through the operator API. */
    public static final Duration MAX_DURATION = Duration.ofDays(14);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MATCH_VALUE = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final Set<String> FIELDS = Set.of("name", "matcher", "startsAt", "endsAt", "comment", "runPlaybooks");
    private static final Set<String> MATCHER_FIELDS = Set.of("service", "source", "severity", "labels", "matchAll");

    private final String name;
    private final String service;
    private final String source;
    private final List<IncidentEvents.Severity> severities;
    private final Map<String, String> labels;
    private final boolean matchAll;
    private final Instant startsAt;
    private final Instant endsAt;
    private final String comment;
    private final boolean runPlaybooks;

    private PlannedSilence(Builder b) {
        this.name = b.name;
        this.service = b.service;
        this.source = b.source;
        this.severities = List.copyOf(b.severities);
        this.labels = Map.copyOf(new TreeMap<>(b.labels));
        this.matchAll = b.matchAll;
        this.startsAt = b.startsAt;
        this.endsAt = b.endsAt;
        this.comment = b.comment;
        this.runPlaybooks = b.runPlaybooks;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a window in its JSON form, as the {@code silences} context key lists them:
     * {@code {"name": "db-migration", "matcher": {"service": "orders-db", "severity": ["high"]},
     * "startsAt": "2026-12-05T22:00:00Z", "endsAt": "2026-12-06T02:00:00Z", "comment": "CHG-1234",
     * "runPlaybooks": false}}.
     *
     * @param fields the window's fields, as JSON parses them
     * @return the window
     * @throws IllegalArgumentException naming the field that is missing or wrong, and the fix
     */
    public static PlannedSilence fromJson(Map<?, ?> fields) {
        for (Object field : fields.keySet()) {
            if (!FIELDS.contains(String.valueOf(field))) {
                throw new IllegalArgumentException("unknown field '" + field + "'; a window has name, matcher, startsAt,"
                        + " endsAt, comment and runPlaybooks");
            }
        }
        Builder b = builder().name(text(fields.get("name"), "name"));
        if (!(fields.get("matcher") instanceof Map<?, ?> matcher)) {
            throw new IllegalArgumentException("matcher is required: an object with service, source, severity, labels"
                    + " or \"matchAll\": true");
        }
        for (Object field : matcher.keySet()) {
            if (!MATCHER_FIELDS.contains(String.valueOf(field))) {
                throw new IllegalArgumentException("matcher." + field + " is unknown; a matcher has service, source,"
                        + " severity, labels and matchAll");
            }
        }
        if (matcher.get("service") != null) {
            b.service(text(matcher.get("service"), "matcher.service"));
        }
        if (matcher.get("source") != null) {
            b.source(text(matcher.get("source"), "matcher.source"));
        }
        Object severity = matcher.get("severity");
        if (severity != null) {
            for (Object one : severity instanceof Collection<?> list ? list : List.of(severity)) {
                b.severities(severity(String.valueOf(one)));
            }
        }
        if (matcher.get("labels") != null) {
            if (!(matcher.get("labels") instanceof Map<?, ?> labels)) {
                throw new IllegalArgumentException("matcher.labels must be an object of label names and values,"
                        + " e.g. {\"env\": \"prod\"}");
            }
            labels.forEach((label, value) -> b.label(String.valueOf(label), text(value, "matcher.labels." + label)));
        }
        b.matchAll(bool(matcher.get("matchAll"), "matcher.matchAll"));
        return b.startsAt(time(fields.get("startsAt"), "startsAt"))
                .endsAt(time(fields.get("endsAt"), "endsAt"))
                .comment(text(fields.get("comment"), "comment"))
                .runPlaybooks(bool(fields.get("runPlaybooks"), "runPlaybooks"))
                .build();
    }

    private static String text(Object value, String field) {
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must be a string");
        }
        return text;
    }

    private static boolean bool(Object value, String field) {
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean bool)) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return bool;
    }

    private static Instant time(Object value, String field) {
        try {
            return Instant.parse(text(value, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is '" + value + "'; use ISO-8601 UTC, e.g. 2026-12-05T22:00:00Z");
        }
    }

    private static IncidentEvents.Severity severity(String value) {
        for (IncidentEvents.Severity severity : IncidentEvents.Severity.values()) {
            if (severity.getValue().equals(value)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("matcher.severity '" + value + "' is none of critical, high, medium, low, info");
    }

    /** @return its name: its id is {@code planned:<name>} */
    public String getName() {
        return name;
    }

    /** @return its id, as incidents and the operator API show it: {@code planned:<name>} */
    public String getSilenceId() {
        return "planned:" + name;
    }

    /** @return the service it covers, or {@code null} for any */
    public String getService() {
        return service;
    }

    /** @return the alert source it covers, or {@code null} for any */
    public String getSource() {
        return source;
    }

    /** @return the severities it covers, empty for any */
    public List<IncidentEvents.Severity> getSeverities() {
        return severities;
    }

    /** @return the labels an alert must carry with these values, possibly empty */
    public Map<String, String> getLabels() {
        return labels;
    }

    /** @return whether it deliberately covers every alert */
    public boolean isMatchAll() {
        return matchAll;
    }

    /** @return when it starts */
    public Instant getStartsAt() {
        return startsAt;
    }

    /** @return when it ends */
    public Instant getEndsAt() {
        return endsAt;
    }

    /** @return why, e.g. the change ticket */
    public String getComment() {
        return comment;
    }

    /** @return whether playbooks run on the incidents it covers */
    public boolean isRunPlaybooks() {
        return runPlaybooks;
    }

    /** @return the window as the table holds it: a DynamoDB JSON map, the form the handlers read */
    Map<String, Object> toAttribute() {
        Map<String, Object> matcher = new LinkedHashMap<>();
        if (service != null) {
            matcher.put("service", Map.of("S", service));
        }
        if (source != null) {
            matcher.put("source", Map.of("S", source));
        }
        if (!severities.isEmpty()) {
            matcher.put("severity", Map.of("L", severities.stream().map(s -> Map.of("S", s.getValue())).toList()));
        }
        if (!labels.isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            labels.forEach((label, value) -> values.put(label, Map.of("S", value)));
            matcher.put("labels", Map.of("M", values));
        }
        matcher.put("matchAll", Map.of("BOOL", matchAll));
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("matcher", Map.of("M", matcher));
        attribute.put("startsAt", Map.of("S", startsAt.toString()));
        attribute.put("endsAt", Map.of("S", endsAt.toString()));
        attribute.put("comment", Map.of("S", comment));
        attribute.put("createdBy", Map.of("S", "cdk.json"));
        // The deployment's own time would make every synth differ: a window is "created" when it starts.
        attribute.put("createdAt", Map.of("S", startsAt.toString()));
        attribute.put("runPlaybooks", Map.of("BOOL", runPlaybooks));
        return Map.of("M", attribute);
    }

    /** Builder for {@link PlannedSilence}; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String service;
        private String source;
        private final List<IncidentEvents.Severity> severities = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private boolean matchAll;
        private Instant startsAt;
        private Instant endsAt;
        private String comment;
        private boolean runPlaybooks;

        private Builder() {
        }

        /**
         * @param name 1-64 letters, digits and . _ -, unique among the windows; required
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param service the service covered
         * @return this builder
         * @default any service
         */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /**
         * @param source the alert source covered, e.g. {@code datadog}
         * @return this builder
         * @default any source
         */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * @param values severities covered
         * @return this builder
         * @default any severity
         */
        public Builder severities(IncidentEvents.Severity... values) {
            severities.addAll(List.of(values));
            return this;
        }

        /**
         * @param label a label the alert must carry with {@code value}
         * @param value the label's value
         * @return this builder
         * @default labels are not looked at
         */
        public Builder label(String label, String value) {
            labels.put(label, value);
            return this;
        }

        /**
         * @param matchAll set to cover every alert, with no other matcher field
         * @return this builder
         * @default false
         */
        public Builder matchAll(boolean matchAll) {
            this.matchAll = matchAll;
            return this;
        }

        /**
         * @param startsAt when it starts; required
         * @return this builder
         */
        public Builder startsAt(Instant startsAt) {
            this.startsAt = startsAt;
            return this;
        }

        /**
         * @param endsAt when it ends, after {@code startsAt} and at most 14 days later; required
         * @return this builder
         */
        public Builder endsAt(Instant endsAt) {
            this.endsAt = endsAt;
            return this;
        }

        /**
         * @param comment why, e.g. the change ticket (1-1024 characters); required
         * @return this builder
         */
        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /**
         * @param runPlaybooks whether playbooks run on covered incidents
         * @return this builder
         * @default false
         */
        public Builder runPlaybooks(boolean runPlaybooks) {
            this.runPlaybooks = runPlaybooks;
            return this;
        }

        /**
         * @return the window
         * @throws IllegalArgumentException naming the field that is wrong and the fix
         */
        public PlannedSilence build() {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name '" + name + "' must be 1-64 letters, digits and . _ -");
            }
            for (String[] value : new String[][] {{"matcher.service", service}, {"matcher.source", source}}) {
                if (value[1] != null && !MATCH_VALUE.matcher(value[1]).matches()) {
                    throw new IllegalArgumentException(value[0] + " '" + value[1] + "' must be 1-128 letters, digits"
                            + " and . _ : / -, as the incident's field shows it");
                }
            }
            labels.forEach((label, value) -> {
                if (!MATCH_VALUE.matcher(label).matches() || value == null || value.isEmpty() || value.length() > 256) {
                    throw new IllegalArgumentException("matcher.labels." + label + " must be a label name (1-128 letters,"
                            + " digits and . _ : / -) with a value of 1-256 characters");
                }
            });
            boolean empty = service == null && source == null && severities.isEmpty() && labels.isEmpty();
            if (empty && !matchAll) {
                throw new IllegalArgumentException("matcher is empty and would silence every alert; name a service,"
                        + " source, severity or labels, or set \"matchAll\": true if that is what you mean");
            }
            if (!empty && matchAll) {
                throw new IllegalArgumentException("matcher.matchAll is set with other matcher fields; use it alone");
            }
            if (startsAt == null || endsAt == null) {
                throw new IllegalArgumentException((startsAt == null ? "startsAt" : "endsAt") + " is required, ISO-8601"
                        + " UTC, e.g. 2026-12-05T22:00:00Z");
            }
            if (!endsAt.isAfter(startsAt)) {
                throw new IllegalArgumentException("endsAt " + endsAt + " is not after startsAt " + startsAt
                        + "; a window must end after it starts");
            }
            if (endsAt.isAfter(startsAt.plus(MAX_DURATION))) {
                throw new IllegalArgumentException("endsAt " + endsAt + " is more than " + MAX_DURATION.toDays()
                        + " days after startsAt; split the window, a silence lasts at most " + MAX_DURATION.toDays()
                        + " days");
            }
            if (comment == null || comment.isBlank() || comment.length() > 1024) {
                throw new IllegalArgumentException("comment is required: why the window exists (e.g. the change"
                        + " ticket), 1-1024 characters");
            }
            return new PlannedSilence(this);
        }
    }
}
