package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest handler's settings (docs/CONTRACTS.md, "Environment variables").
 *
 * @param tableName      {@code TABLE_NAME}
 * @param enabledSources {@code ALERT_SOURCES}: the sources alerts are accepted from; unset or
 *                       empty means none (every alert is then answered 404)
 * @param secretArns     {@code ALERT_SECRET_ARNS}: each source's signing secret ARN
 * @param replayWindow   {@code REPLAY_WINDOW_SECONDS}, default 300
 * @param maxBodyBytes   {@code MAX_BODY_BYTES}, default 65536
 * @param horizon        {@code DELIVERY_HORIZON_SECONDS}: how old an alert may be, default 24 hours
 */
public record IngestConfig(String tableName, List<String> enabledSources, Map<String, String> secretArns,
        Duration replayWindow, int maxBodyBytes, DeliveryHorizon horizon) {

    /** Default of {@code REPLAY_WINDOW_SECONDS}. */
    public static final int DEFAULT_REPLAY_WINDOW_SECONDS = 300;
    /** Default of {@code MAX_BODY_BYTES}. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public IngestConfig {
        enabledSources = List.copyOf(enabledSources);
        secretArns = Map.copyOf(secretArns);
        for (String source : enabledSources) {
            if (!secretArns.containsKey(source)) {
                throw new ConfigurationException("ALERT_SECRET_ARNS has no secret for the enabled source '" + source
                        + "'; add " + source + "=<secret ARN>, or remove it from ALERT_SOURCES.");
            }
        }
    }

    /**
     * @param variables the environment, usually {@code System.getenv()}
     * @throws ConfigurationException naming the variable that is missing or malformed
     */
    public static IngestConfig fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        List<String> sources = Arrays.stream(env.optional("ALERT_SOURCES", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        Map<String, String> secretArns = new LinkedHashMap<>();
        for (String pair : env.optional("ALERT_SECRET_ARNS", "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new ConfigurationException("ALERT_SECRET_ARNS has the entry '" + pair.trim() + "'; each entry"
                        + " must be source=secretArn, e.g. generic=arn:aws:secretsmanager:us-east-1:123456789012:secret:x");
            }
            secretArns.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return new IngestConfig(env.required("TABLE_NAME"), sources, secretArns,
                Duration.ofSeconds(env.positiveInt("REPLAY_WINDOW_SECONDS", DEFAULT_REPLAY_WINDOW_SECONDS)),
                env.positiveInt("MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES), DeliveryHorizon.fromEnvironment(env));
    }
}
