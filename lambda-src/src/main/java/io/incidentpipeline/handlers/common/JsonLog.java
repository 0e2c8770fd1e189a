package io.incidentpipeline.handlers.common;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output, which Lambda ships to CloudWatch
 * Logs as one event each, queryable by field ({@code incidentId}, {@code error}, …) in Logs Insights.
 *
 * <p>Callers pass only what is safe to keep: never a secret, a signature, a header or a body.
 */
public final class JsonLog {
    /** The CloudWatch namespace of the metrics the handlers put in their logs. */
    public static final String METRIC_NAMESPACE = "IncidentPipeline";
    /** The dimension of those metrics: the function's name, which is unique per stage and region. */
    public static final String METRIC_DIMENSION = "FunctionName";
    private static final String FUNCTION_NAME = System.getenv("AWS_LAMBDA_FUNCTION_NAME");

    /**
     * A number that CloudWatch Logs turns into a metric from the line that carries it (embedded
     * metric format): no API call, no client on the cold path, and the line stays a readable log.
     *
     * @param name  the metric's name, in {@value #METRIC_NAMESPACE}
     * @param value its value
     * @param unit  a CloudWatch unit, e.g. {@code Count} or {@code Seconds}
     */
    public record Metric(String name, double value, String unit) {
    }

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

    /**
     * Logs a {@link #warn} line that also records {@code metrics}, dimensioned by
     * {@value #METRIC_DIMENSION} (Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}; none outside Lambda).
     */
    public static void warnWithMetrics(String message, List<Metric> metrics, Object... fields) {
        Map<String, Object> line = line("WARN", message, null, fields);
        List<Map<String, String>> definitions = new ArrayList<>();
        for (Metric metric : metrics) {
            definitions.add(Map.of("Name", metric.name(), "Unit", metric.unit()));
            line.put(metric.name(), metric.value());
        }
        List<String> dimensions = FUNCTION_NAME == null ? List.of() : List.of(METRIC_DIMENSION);
        if (FUNCTION_NAME != null) {
            line.put(METRIC_DIMENSION, FUNCTION_NAME);
        }
        line.put("_aws", Map.of(
                "Timestamp", Clock.systemUTC().millis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", METRIC_NAMESPACE,
                        "Dimensions", List.of(dimensions),
                        "Metrics", definitions))));
        System.out.println(Json.write(line));
    }

    /**
     * Logs an {@link #info} line that also records {@code metrics} in {@code namespace} under each
     * of {@code dimensionSets} (embedded metric format); the dimensions' values are fields of the
     * line, so pass them in {@code fields}. Every distinct combination of dimension values is one
     * custom metric: keep the sets few and their values bounded.
     */
    public static void infoWithMetrics(String message, String namespace, List<List<String>> dimensionSets,
            List<Metric> metrics, Object... fields) {
        Map<String, Object> line = line("INFO", message, null, fields);
        List<Map<String, String>> definitions = new ArrayList<>();
        for (Metric metric : metrics) {
            definitions.add(Map.of("Name", metric.name(), "Unit", metric.unit()));
            line.put(metric.name(), metric.value());
        }
        for (List<String> set : dimensionSets) {
            for (String dimension : set) {
                if (!(line.get(dimension) instanceof String)) {
                    throw new IllegalArgumentException("the dimension " + dimension + " needs a string field");
                }
            }
        }
        line.put("_aws", Map.of(
                "Timestamp", Clock.systemUTC().millis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", namespace,
                        "Dimensions", dimensionSets,
                        "Metrics", definitions))));
        System.out.println(Json.write(line));
    }

    /** @return the function's name (Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}), or null outside Lambda */
    public static String functionName() {
        return FUNCTION_NAME;
    }

    private static void write(String level, String message, Throwable cause, Object... fields) {
        System.out.println(Json.write(line(level, message, cause, fields)));
    }

    private static Map<String, Object> line(String level, String message, Throwable cause, Object... fields) {
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
        return line;
    }
}
