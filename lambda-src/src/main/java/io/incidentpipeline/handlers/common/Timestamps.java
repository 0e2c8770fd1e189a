package io.incidentpipeline.handlers.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one timestamp format of the table and the events: ISO-8601 UTC with milliseconds. */
public final class Timestamps {
    // Instant.toString() drops ".000", which would break the sort order of gsi1sk strings.
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** @return e.g. {@code 2026-11-25T06:00:00.000Z} */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
