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

    /** @return every value, comma-separated, for error messages */
    public static String allValues() {
        return Arrays.stream(values()).map(Severity::value).collect(Collectors.joining(", "));
    }
}
