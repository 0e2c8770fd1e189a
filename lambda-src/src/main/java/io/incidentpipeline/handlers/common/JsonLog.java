package io.incidentpipeline.handlers.common;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output, which Lambda ships to CloudWatch
 * Logs as one event each, queryable by field ({@code incidentId}, {@code error}, …) in Logs Insights.
 *
 * <p>Callers pass only what is safe to keep: never a secret, a signature, a header or a body.
 */
public final class JsonLog {
    private static final PrintStream OUT = System.out;

    private JsonLog() {
    }

    /**
     * Logs something that went as planned.
     *
     * @param fields alternating names and values, e.g. {@code "incidentId", id}; null values are left out
     */
    public static void info(String message, Object... fields) {
        write("INFO", message, null, fields);
    }

    /** Logs a rejected input or a retryable failure; {@code fields} as for {@link #info}. */
    public static void warn(String message, Object... fields) {
        write("WARN", message, null, fields);
    }

    /** Logs a failure that needs a person, with its cause; {@code fields} as for {@link #info}. */
    public static void error(String message, Throwable cause, Object... fields) {
        write("ERROR", message, cause, fields);
    }

    private static void write(String level, String message, Throwable cause, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields must alternate names and values");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                line.put(String.valueOf(fields[i]), fields[i + 1]);
            }
        }
        if (cause != null) {
            line.put("exception", cause.getClass().getName());
            line.put("exceptionMessage", String.valueOf(cause.getMessage()));
        }
        OUT.println(Json.write(line));
    }
}
