package io.incidentpipeline.handlers.common;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Optional;

/**
 * The one timestamp format of the table and the events (ISO-8601 UTC with milliseconds), and the
 * reading of the times that alert sources send, each in its own format.
 */
public final class Timestamps {
    // Instant.toString() drops ".000", which would break the sort order of gsi1sk strings.
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** ISO-8601 with an offset written with or without a colon: CloudWatch sends {@code +0000}. */
    private static final DateTimeFormatter ISO_ANY_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** @return e.g. {@code 2026-11-25T06:00:00.000Z} */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Reads a time as alert sources send it: ISO-8601 with {@code Z} or an offset (with or without a
     * colon, as CloudWatch writes {@code +0000}), RFC 1123 ({@code Wed, 25 Nov 2026 05:50:00 GMT}, AWS
     * Health), or an epoch number (or numeric string) in seconds, milliseconds, microseconds or
     * nanoseconds, told apart by magnitude (Opsgenie sends milliseconds and nanoseconds side by side).
     *
     * @return the instant, or empty when {@code value} is absent, blank or none of these
     */
    public static Optional<Instant> parseSourceTime(Object value) {
        if (value instanceof Number number) {
            return epoch(new BigDecimal(number.toString()));
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.matches("\\d{1,20}(\\.\\d+)?")) {
            return epoch(new BigDecimal(trimmed));
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed, ISO_ANY_OFFSET).toInstant());
        } catch (DateTimeException notIso) {
            // try the next format
        }
        try {
            return Optional.of(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeException notRfc1123) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epoch(BigDecimal value) {
        if (value.signum() <= 0) {
            return Optional.empty();
        }
        // Below 1e11 seconds is year 5138; below 1e14 milliseconds, 1e17 microseconds likewise.
        BigDecimal nanos = value.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0 ? value.movePointRight(9)
                : value.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0 ? value.movePointRight(6)
                : value.compareTo(new BigDecimal("1e17")) < 0 ? value.movePointRight(3) : value;
        try {
            long total = nanos.longValueExact();
            return Optional.of(Instant.ofEpochSecond(0, total));
        } catch (ArithmeticException tooPrecise) {
            return Optional.of(Instant.ofEpochSecond(0, nanos.longValue()));
        }
    }
}
