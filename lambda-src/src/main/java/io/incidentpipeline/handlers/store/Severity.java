package io.incidentpipeline.handlers.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How urgent an incident is, most urgent first. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** @return the value in the table and the events, e.g. {@code critical} */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the severity whose value is {@code value}, ignoring case */
    public static Optional<Severity> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equalsIgnoreCase(value)).findFirst();
    }

    /**
     * The P1–P5 priority scale of Datadog, PagerDuty and Opsgenie: P1 critical, P2 high, P3 medium,
     * P4 low, P5 info.
     *
     * @return the severity of {@code priority}, ignoring case, or empty for anything else
     */
    public static Optional<Severity> fromPriority(String priority) {
        if (priority == null || !priority.trim().toUpperCase(Locale.ROOT).matches("P[1-5]")) {
            return Optional.empty();
        }
        return Optional.of(values()[priority.trim().charAt(1) - '1']);
    }

    /** @return whether this severity is more urgent than {@code other} */
    public boolean isMoreUrgentThan(Severity other) {
        return compareTo(other) < 0;
    }

    /** @return every value, comma-separated, for error messages */
    public static String allValues() {
        return Arrays.stream(values()).map(Severity::value).collect(Collectors.joining(", "));
    }
}
