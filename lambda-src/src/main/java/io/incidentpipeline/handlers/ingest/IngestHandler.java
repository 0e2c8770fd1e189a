package io.incidentpipeline.handlers.ingest;

import static io.incidentpipeline.handlers.http.ApiResponses.error;
import static io.incidentpipeline.handlers.http.ApiResponses.json;
import static io.incidentpipeline.handlers.http.Dependencies.unlessUnavailable;
import static io.incidentpipeline.handlers.http.JsonRequests.bodyBytes;
import static io.incidentpipeline.handlers.http.JsonRequests.headers;
import static io.incidentpipeline.handlers.http.JsonRequests.parseObject;
import static io.incidentpipeline.handlers.http.JsonRequests.requireJson;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.http.HttpError;
import io.incidentpipeline.handlers.secrets.SecretCache;
import io.incidentpipeline.handlers.secrets.SecretProvider;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Deliveries;
import io.incidentpipeline.handlers.store.Fingerprint;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentRepository.RecordResult;
import io.incidentpipeline.handlers.store.IncidentRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The API's function: {@code POST /alerts/{source}} records an alert as an incident and answers
 * {@code 202 {"incidentId": ..., "deduplicated": ...}}.
 *
 * <p>An alert passes, in order: content type (415), body size (413), source (404), signature
 * (401), JSON and fields (400), its age against the delivery horizon (400 {@code event_too_old}),
 * its delivery id (a redelivery answers 202 {@code "recorded": false}), then one conditional write
 * (503 with {@code Retry-After} when the table is throttled or unreachable). A rejected alert writes
 * nothing; so does a late one (it happened before its incident was resolved: 202
 * {@code "recorded": false} with the reason). Logs are JSON lines that carry the incident id and
 * never a secret, a signature, a header or a body.
 */
public final class IngestHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
    /** The sources this handler understands: how each authenticates, and how its body reads. */
    private record Source(AlertAuthenticator authenticator, AlertNormalizer normalizer) {
    }

    private static final AlertAuthenticator TOKEN = new TokenAuthenticator();
    /**
     * How often {@link #prime()} runs the path: once leaves it interpreted; repeated, the JIT compiles
     * it before the snapshot, so a restored function starts with compiled code (BENCHMARKS.md).
     */
    static final int PRIMING_ROUNDS = 50;
    private static final String PRIMING_ALERT = "{\"title\":\"SnapStart priming\",\"severity\":\"info\","
            + "\"service\":\"incident-pipeline\",\"dedupKey\":\"priming\"}";
    private static final Map<String, AlertNormalizer> NORMALIZERS = Map.of(
            "generic", new GenericAlertNormalizer(),
            "datadog", new DatadogAlertNormalizer(),
            "pagerduty", new PagerDutyAlertNormalizer(),
            "newrelic", new NewRelicAlertNormalizer(),
            "opsgenie", new OpsgenieAlertNormalizer());
    private static final String ALERT_ROUTE = "POST /alerts/{source}";
    /** The metric counting alerts authenticated with a source's previous key (after a rotation). */
    public static final String PREVIOUS_KEY_METRIC = "PreviousSigningKeyUsed";

    private final IngestConfig config;
    private final IncidentRepository incidents;
    private final Deliveries deliveries;
    private final SecretProvider secrets;
    private final Map<String, Source> sources;
    private final Clock clock;

    /** For Lambda: configured from the environment, with the clients built once at init. */
    public IngestHandler() {
        this(IngestConfig.fromEnvironment(System.getenv()), AwsClients.dynamoDb(),
                SecretCache.fromEnvironment(AwsClients.configured(SecretsManagerClient.builder()), System.getenv()),
                Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    /** SnapStart: prime the hot path so the snapshot holds loaded, initialised classes. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        restore();
    }

    /**
     * What a SnapStart restore runs before the first request: reads the enabled sources' signing
     * secrets into the cache, fresh from Secrets Manager (the snapshot holds none), so the first alert
     * waits for no secret. A failure here is left for that alert to meet and answer (503).
     */
    public void restore() {
        for (String source : config.enabledSources()) {
            try {
                secrets.secret(config.secretArns().get(source));
            } catch (RuntimeException e) {
                JsonLog.warn("secret not read after restore", "source", source, "exception", e.getClass().getName());
            }
        }
    }

    /**
     * Runs every step of an alert without opening an incident or obtaining a secret: JSON parsing,
     * each enabled source's normalizer, fingerprinting, HMAC, the alert's conditional
     * {@code UpdateItem} on the priming item ({@link IncidentRepository#primeWrite}) and the parsing
     * of its answer, one table read, a Secrets Manager call for a secret the function may not read
     * ({@link SecretProvider#prime()}), and the answer's JSON; {@value #PRIMING_ROUNDS} times, so the
     * JIT compiles the path. A restored snapshot starts with it loaded and compiled, and holds no secret.
     */
    public void prime() {
        try {
            for (int round = 0; round < PRIMING_ROUNDS; round++) {
                primeOnce();
            }
        } catch (HttpError unreachable) {
            // A table out of reach at publish time makes a less primed snapshot, not a failed one.
            JsonLog.warn("priming stopped: table unreachable", "error", unreachable.code());
        } catch (RuntimeException e) {
            // Nor does a priming item someone changed by hand: publishing a version must not fail on it.
            JsonLog.warn("priming stopped", "exception", e.getClass().getName(), "errorMessage", e.getMessage());
        }
    }

    private void primeOnce() {
        byte[] body = PRIMING_ALERT.getBytes(StandardCharsets.UTF_8);
        HmacSignatureVerifier.signatureHeader("priming-key", "0", body);
        Alert alert = NORMALIZERS.get("generic").normalize("generic", parseObject(body), clock.instant());
        for (String source : config.enabledSources()) {
            try {
                sources.get(source).normalizer().normalize(source, parseObject(body), clock.instant());
            } catch (HttpError expected) {
                // Another source's payload shape: the classes on its path are loaded all the same.
            }
        }
        secrets.prime();
        Incident primed = unlessUnavailable(() -> incidents.primeWrite(alert, clock.instant()), "priming");
        unlessUnavailable(() -> incidents.findCurrent(Fingerprint.of(alert)), "priming");
        json(202, Map.of("incidentId", primed.incidentId(), "deduplicated", primed.occurrences() > 1));
        JsonLog.info("primed", "incidentId", primed.incidentId(), "occurrences", primed.occurrences());
    }

    /**
     * @param config   the settings
     * @param dynamoDb the client of the incident table; its region is this handler's region
     * @param secrets  the sources' signing secrets
     * @param clock    the server's time
     */
    public IngestHandler(IngestConfig config, DynamoDbClient dynamoDb, SecretProvider secrets, Clock clock) {
        for (String source : config.enabledSources()) {
            if (!NORMALIZERS.containsKey(source)) {
                throw new ConfigurationException("ALERT_SOURCES enables '" + source + "', which this handler does not"
                        + " support; supported: " + String.join(", ", NORMALIZERS.keySet()));
            }
        }
        String region = dynamoDb.serviceClientConfiguration().region().id();
        this.config = config;
        this.incidents = new IncidentRepository(dynamoDb, config.tableName(), region);
        this.deliveries = new Deliveries(dynamoDb, config.tableName(), config.horizon().horizon());
        this.secrets = secrets;
        AlertAuthenticator signatures = new HmacSignatureVerifier(config.replayWindow(), clock);
        this.sources = Map.of(
                "generic", new Source(signatures, NORMALIZERS.get("generic")),
                "datadog", new Source(TOKEN, NORMALIZERS.get("datadog")),
                "pagerduty", new Source(new PagerDutySignatureVerifier(), NORMALIZERS.get("pagerduty")),
                "newrelic", new Source(TOKEN, NORMALIZERS.get("newrelic")),
                "opsgenie", new Source(TOKEN, NORMALIZERS.get("opsgenie")));
        this.clock = clock;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        String route = request.getHttpMethod() + " "
                + (request.getResource() != null ? request.getResource() : request.getPath());
        String source = request.getPathParameters() == null ? null : request.getPathParameters().get("source");
        try {
            if (ALERT_ROUTE.equals(route) && source != null) {
                return recordAlert(source, request, requestId);
            }
            throw new HttpError(404, "not_found", "There is no " + route + "; this function serves " + ALERT_ROUTE + ".");
        } catch (HttpError e) {
            // FunctionName and source: the dimensions of the authentication-failure metric filter (AlertIngestApi).
            JsonLog.warn("request rejected", "requestId", requestId, "route", route, "source", source,
                    "status", e.status(), "error", e.code(), JsonLog.METRIC_DIMENSION, JsonLog.functionName());
            return error(e);
        } catch (RuntimeException e) {
            JsonLog.error("request failed", e, "requestId", requestId, "route", route, "source", source);
            return error(new HttpError(500, "internal_error", "The request failed on the server's side and nothing"
                    + " was recorded; retry later, and report it with the time of the request if it persists."));
        }
    }

    private APIGatewayProxyResponseEvent recordAlert(String source, APIGatewayProxyRequestEvent request,
            String requestId) {
        Map<String, String> headers = headers(request);
        requireJson(headers);
        byte[] body = bodyBytes(request);
        if (body.length > config.maxBodyBytes()) {
            throw new HttpError(413, "payload_too_large", "The body is " + body.length + " bytes; the limit is "
                    + config.maxBodyBytes() + " bytes (MAX_BODY_BYTES). Send a smaller alert, e.g. a shorter"
                    + " 'description' or fewer labels.");
        }
        Source enabled = enabledSource(source);
        List<String> keys = unlessUnavailable(() -> secrets.acceptedSecrets(config.secretArns().get(source)),
                "The signing secret of source '" + source + "' could not be read.");
        if (enabled.authenticator().verify(keys, headers, body) > 0) {
            // Accepted during the rotation's grace window; the sender must switch before it ends.
            JsonLog.warnWithMetrics("authenticated with the previous signing key",
                    List.of(new JsonLog.Metric(PREVIOUS_KEY_METRIC, 1, "Count")), "requestId", requestId,
                    "source", source);
        }
        Map<String, Object> fields = parseObject(body);
        if (enabled.normalizer().isInformational(fields)) {
            JsonLog.info("notification ignored", "requestId", requestId, "source", source);
            return json(202, Map.of("recorded", false));
        }
        Instant receivedAt = clock.instant();
        Alert alert = enabled.normalizer().normalize(source, fields, receivedAt);
        Optional<String> tooOld = config.horizon().tooOld(alert.occurredAt(), receivedAt);
        if (tooOld.isPresent()) {
            throw new HttpError(400, "event_too_old", tooOld.get());
        }
        String deliveryId = enabled.normalizer().deliveryId(fields, headers).orElse(null);
        boolean recovery = enabled.normalizer().isRecovery(fields);
        Optional<APIGatewayProxyResponseEvent> answered = unlessUnavailable(() -> deliveries.once(source, deliveryId,
                        receivedAt, () -> recovery ? resolve(alert, requestId) : record(alert, requestId)),
                "The incident table is throttled or unreachable.");
        if (answered.isPresent()) {
            return answered.get();
        }
        JsonLog.info("alert not recorded", "requestId", requestId, "source", source, "reason", "redelivery",
                "deliveryId", deliveryId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("recorded", false);
        answer.put("reason", "redelivery");
        answer.put("message", "Delivery " + deliveryId + " was received before; a redelivery changes nothing.");
        return json(202, answer);
    }

    private APIGatewayProxyResponseEvent record(Alert alert, String requestId) {
        RecordResult result = unlessUnavailable(() -> incidents.recordAlert(alert, clock.instant()),
                "The incident table is throttled or unreachable.");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incidentId", result.incident().incidentId());
        if (!result.recorded()) {
            String message = "The alert happened at " + Timestamps.format(alert.occurredAt()) + ", before incident "
                    + result.incident().incidentId() + " was resolved at " + Timestamps.format(result.incident().resolvedAt())
                    + ": a late or replayed delivery does not reopen it.";
            JsonLog.info("alert not recorded", "requestId", requestId, "incidentId", result.incident().incidentId(),
                    "source", alert.source(), "reason", "late_alert", "occurredAt", Timestamps.format(alert.occurredAt()));
            answer.put("recorded", false);
            answer.put("reason", "late_alert");
            answer.put("message", message);
            return json(202, answer);
        }
        JsonLog.info("alert recorded", "requestId", requestId, "incidentId", result.incident().incidentId(),
                "source", alert.source(), "fingerprint", result.incident().fingerprint(),
                "severity", alert.severity().value(), "outcome", result.outcome().name(),
                "deduplicated", result.deduplicated(), "occurrences", result.incident().occurrences());
        answer.put("recorded", true);
        answer.put("deduplicated", result.deduplicated());
        answer.put("escalated", result.outcome() == IncidentRepository.Outcome.ESCALATED);
        if (result.incident().silence() != null) {
            // The sender sees why no one was paged.
            answer.put("silencedBy", result.incident().silence().silenceId());
        }
        return json(202, answer);
    }

    /**
     * A recovery resolves the open incident of its fingerprint; with none open, or one that opened
     * after the recovery happened, it changes nothing.
     */
    private APIGatewayProxyResponseEvent resolve(Alert recovery, String requestId) {
        IncidentRepository.ResolveResult result = unlessUnavailable(() -> incidents.resolve(recovery, clock.instant()),
                "The incident table is throttled or unreachable.");
        String incidentId = result.incident().map(Incident::incidentId).orElse(null);
        JsonLog.info("recovery received", "requestId", requestId, "source", recovery.source(),
                "incidentId", incidentId, "resolved", result.resolved(), "reason", result.reason());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incidentId", incidentId);
        answer.put("resolved", result.resolved());
        if (result.reason() != null) {
            answer.put("reason", result.reason());
        }
        return json(202, answer);
    }

    private Source enabledSource(String source) {
        String enabled = config.enabledSources().isEmpty() ? "none" : String.join(", ", config.enabledSources());
        if (!NORMALIZERS.containsKey(source)) {
            String shown = source.length() > 64 ? source.substring(0, 64) + "…" : source;
            throw new HttpError(404, "unknown_source", "There is no alert source '" + shown + "'. Post to"
                    + " /alerts/<source> with an enabled source: " + enabled + ".");
        }
        if (!config.enabledSources().contains(source)) {
            throw new HttpError(404, "unknown_source", "The alert source '" + source + "' is not enabled here"
                    + " (enabled: " + enabled + "). Enable it with the alertSources context key and redeploy.");
        }
        return sources.get(source);
    }
}
