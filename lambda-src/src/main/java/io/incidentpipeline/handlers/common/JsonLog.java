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

    /** Logs something that went as planned. */
    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    /** Logs a rejected input or a retryable failure. */
    public static void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields, null);
    }

    /** Logs a failure that needs a person, with its cause. */
    public static void error(String message, Map<String, ?> fields, Throwable cause) {
        write("ERROR", message, fields, cause);
    }

    private static void write(String level, String message, Map<String, ?> fields, Throwable cause) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("message", message);
        fields.forEach((key, value) -> {
            if (value != null) {
                line.put(key, value);
            }
        });
        if (cause != null) {
            line.put("exception", cause.getClass().getName());
            line.put("exceptionMessage", String.valueOf(cause.getMessage()));
        }
        OUT.println(Json.write(line));
    }
}
