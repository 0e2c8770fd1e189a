package io.incidentpipeline.handlers.operator;

import static io.incidentpipeline.handlers.http.ApiResponses.error;
import static io.incidentpipeline.handlers.http.ApiResponses.json;
import static io.incidentpipeline.handlers.http.Dependencies.unlessUnavailable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.http.HttpError;
import io.incidentpipeline.handlers.secrets.SecretCache;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentDocument;
import io.incidentpipeline.handlers.store.IncidentLifecycle;
import io.incidentpipeline.handlers.store.IncidentQueries;
import io.incidentpipeline.handlers.store.IncidentStats;
import io.incidentpipeline.handlers.store.Silence;
import io.incidentpipeline.handlers.store.SilenceSpec;
import io.incidentpipeline.handlers.store.Silences;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.Tallies;
import io.incidentpipeline.handlers.store.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The operator API: list incidents by status and service, read one with its timeline, acknowledge
 * and resolve. API Gateway authorizes every call with IAM (SigV4), so the caller is an IAM principal
 * whose ARN the handler records on the transitions it makes.
 *
 * <ul>
 *   <li>{@code GET /incidents?status=&service=&limit=&cursor=}: one page, newest first;</li>
 *   <li>{@code GET /incidents/stats?service=&since=}: counts and response-time percentiles of the
 *       incidents opened in a window ({@link IncidentStats});</li>
 *   <li>{@code GET /silences}, {@code POST /silences} and {@code DELETE /silences/{silenceId}}: the
 *       silences ({@link Silences});</li>
 *   <li>{@code GET /incidents/{incidentId}}: the incident document and its timeline;</li>
 *   <li>{@code POST /incidents/{incidentId}/acknowledge} and {@code …/resolve}, optional body
 *       {@code {"note": "…"}}.</li>
 * </ul>
 * Details and every error in docs/CONTRACTS.md, "The operator API".
 *
 * <p>Environment: {@code TABLE_NAME}, {@code CURSOR_SECRET_ARN}, and the index names
 * {@code STATUS_INDEX_NAME}, {@code SERVICE_INDEX_NAME}, {@code ID_INDEX_NAME}.
 */
public final class OperatorApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final String LIST_ROUTE = "GET /incidents";
    static final String GET_ROUTE = "GET /incidents/{incidentId}";
    static final String ACKNOWLEDGE_ROUTE = "POST /incidents/{incidentId}/acknowledge";
    static final String RESOLVE_ROUTE = "POST /incidents/{incidentId}/resolve";
    static final String STATS_ROUTE = "GET /incidents/stats";
    static final String LIST_SILENCES_ROUTE = "GET /silences";
    static final String CREATE_SILENCE_ROUTE = "POST /silences";
    static final String DELETE_SILENCE_ROUTE = "DELETE /silences/{silenceId}";
    private static final String UNAVAILABLE = "The incident table is throttled or unreachable.";

    private final IncidentQueries queries;
    private final IncidentLifecycle lifecycle;
    private final Tallies tallies;
    private final IncidentStats stats;
    private final Silences silences;
    private final OperatorRequests requests;
    private final Clock clock;

    /** For Lambda: configured from the environment, with the clients built once at init. */
    public OperatorApiHandler() {
        this(new Environment(System.getenv()), AwsClients.dynamoDb());
    }

    private OperatorApiHandler(Environment env, DynamoDbClient dynamoDb) {
        this(dynamoDb, env.required("TABLE_NAME"), new IndexNames(
                        env.optional("STATUS_INDEX_NAME", IndexNames.DEFAULT.byStatus()),
                        env.optional("SERVICE_INDEX_NAME", IndexNames.DEFAULT.byService()),
                        env.optional("ID_INDEX_NAME", IndexNames.DEFAULT.byId())),
                cursorSecret(env.required("CURSOR_SECRET_ARN")), Clock.systemUTC());
    }

    /**
     * @param dynamoDb  the client; its region is written as {@code writtenRegion} on transitions
     * @param tableName the incident table
     * @param indexes   its index names
     * @param cursors   seals and opens pagination cursors
     * @param clock     the time of transitions
     */
    public OperatorApiHandler(DynamoDbClient dynamoDb, String tableName, IndexNames indexes, PageCursors cursors,
            Clock clock) {
        this.queries = new IncidentQueries(dynamoDb, tableName, indexes);
        this.tallies = new Tallies(dynamoDb, tableName);
        this.stats = new IncidentStats(dynamoDb, tableName, indexes);
        this.silences = Silences.fromEnvironment(dynamoDb, tableName, System.getenv());
        this.lifecycle = new IncidentLifecycle(dynamoDb, tableName,
                dynamoDb.serviceClientConfiguration().region().id(), queries);
        this.requests = new OperatorRequests(cursors);
        this.clock = clock;
    }

    private static PageCursors cursorSecret(String secretArn) {
        // Cursors are sealed and opened with the current key only: no previous key to read.
        SecretCache secrets = new SecretCache(AwsClients.configured(SecretsManagerClient.builder()), Duration.ZERO,
                Clock.systemUTC());
        return new PageCursors(() -> unlessUnavailable(() -> secrets.secret(secretArn),
                "The cursor key could not be read from Secrets Manager."));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        String route = request.getHttpMethod() + " " + request.getResource();
        String incidentId = request.getPathParameters() == null ? null : request.getPathParameters().get("incidentId");
        try {
            String caller = requests.caller(request);
            return switch (route) {
                case LIST_ROUTE -> list(requests.listing(request));
                case GET_ROUTE -> get(requests.incidentId(incidentId));
                case ACKNOWLEDGE_ROUTE -> transition(requests.incidentId(incidentId), Transition.ACKNOWLEDGE, caller,
                        requests.note(request), requestId);
                case RESOLVE_ROUTE -> transition(requests.incidentId(incidentId), Transition.RESOLVE, caller,
                        requests.note(request), requestId);
                case STATS_ROUTE -> stats(requests.stats(request, clock.instant()));
                case LIST_SILENCES_ROUTE -> listSilences();
                case CREATE_SILENCE_ROUTE -> createSilence(requests.silenceBody(request), caller, requestId);
                case DELETE_SILENCE_ROUTE -> deleteSilence(requests.silenceId(request.getPathParameters() == null ? null
                        : request.getPathParameters().get("silenceId")), caller, requestId);
                default -> throw new HttpError(404, "not_found", "There is no " + route + "; the operator API serves "
                        + String.join(", ", LIST_ROUTE, GET_ROUTE, ACKNOWLEDGE_ROUTE, RESOLVE_ROUTE, STATS_ROUTE,
                        LIST_SILENCES_ROUTE, CREATE_SILENCE_ROUTE, DELETE_SILENCE_ROUTE) + ".");
            };
        } catch (HttpError e) {
            JsonLog.warn("request rejected", "requestId", requestId, "route", route, "incidentId", incidentId,
                    "status", e.status(), "error", e.code());
            return error(e);
        } catch (RuntimeException e) {
            JsonLog.error("request failed", e, "requestId", requestId, "route", route, "incidentId", incidentId);
            return error(new HttpError(500, "internal_error", "The request failed on the server's side and changed"
                    + " nothing; retry later, and report it with the time of the request if it persists."));
        }
    }

    private APIGatewayProxyResponseEvent list(OperatorRequests.Listing listing) {
        IncidentQueries.Page page = unlessUnavailable(() -> queries.list(listing.status(), listing.service(),
                listing.limit(), listing.startKey()), UNAVAILABLE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incidents", page.items().stream().map(TimelineView::summary).toList());
        answer.put("nextCursor", page.lastKey().isEmpty() ? null : requests.cursors().seal(page.lastKey(), listing.binding()));
        return json(200, answer);
    }

    private APIGatewayProxyResponseEvent get(String incidentId) {
        Incident incident = unlessUnavailable(() -> queries.findItem(incidentId)
                .map(item -> tallies.overlay(Incident.fromItem(item))), UNAVAILABLE)
                .orElseThrow(() -> notFound(incidentId));
        IncidentQueries.History history = unlessUnavailable(() -> queries.history(incidentId), UNAVAILABLE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incident", IncidentDocument.of(incident));
        answer.put("timeline", TimelineView.timeline(incident, history.items()));
        answer.put("timelineTruncated", history.truncated());
        return json(200, answer);
    }

    private APIGatewayProxyResponseEvent transition(String incidentId, Transition transition, String caller,
            Optional<String> note, String requestId) {
        IncidentLifecycle.Result result = unlessUnavailable(() -> lifecycle.apply(incidentId, transition, caller,
                note.orElse(null), clock.instant()), UNAVAILABLE).orElseThrow(() -> notFound(incidentId));
        if (result.outcome() == IncidentLifecycle.Outcome.CONFLICT) {
            throw new HttpError(409, "invalid_transition", "Incident " + incidentId + " is "
                    + result.incident().status() + "; only " + String.join(" or ", transition.from().stream()
                    .map(Enum::name).sorted().toList()) + " incidents can move to " + transition.target() + ".");
        }
        boolean changed = result.outcome() == IncidentLifecycle.Outcome.CHANGED;
        JsonLog.info("incident transition", "requestId", requestId, "incidentId", incidentId,
                "transition", transition.name(), "changed", changed, "caller", caller);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incident", IncidentDocument.of(result.incident()));
        answer.put("changed", changed);
        return json(200, answer);
    }

    private APIGatewayProxyResponseEvent stats(OperatorRequests.StatsWindow window) {
        Instant now = clock.instant();
        IncidentStats.Stats result = unlessUnavailable(() -> stats.of(window.service(), window.since()), UNAVAILABLE);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", result.total());
        result.byStatus().forEach((status, count) -> counts.put(status.name().toLowerCase(Locale.ROOT), count));
        Map<String, Object> bySeverity = new LinkedHashMap<>();
        result.bySeverity().forEach((severity, count) -> bySeverity.put(severity.value(), count));
        counts.put("bySeverity", bySeverity);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service", window.service().orElse(null));
        answer.put("since", Timestamps.format(window.since()));
        answer.put("until", Timestamps.format(now));
        answer.put("incidents", counts);
        answer.put("timeToAcknowledge", result.timeToAcknowledge().toDocument());
        answer.put("timeToResolve", result.timeToResolve().toDocument());
        answer.put("truncated", result.truncated());
        return json(200, answer);
    }

    private APIGatewayProxyResponseEvent listSilences() {
        List<Silence> current = unlessUnavailable(() -> silences.current(clock.instant()), UNAVAILABLE);
        return json(200, Map.of("silences", current.stream().map(Silence::toDocument).toList()));
    }

    private APIGatewayProxyResponseEvent createSilence(Map<String, Object> body, String caller, String requestId) {
        Instant now = clock.instant();
        Silence spec;
        try {
            spec = SilenceSpec.read(body, "new", caller, now, true);
        } catch (SilenceSpec.InvalidSilenceException e) {
            throw new HttpError(400, "invalid_field", e.getMessage());
        }
        Silence created;
        try {
            created = unlessUnavailable(() -> silences.create(spec, now), UNAVAILABLE);
        } catch (Silences.TooManySilencesException e) {
            throw new HttpError(409, "too_many_silences", e.getMessage());
        }
        JsonLog.info("silence created", "requestId", requestId, "silenceId", created.silenceId(), "caller", caller,
                "startsAt", Timestamps.format(created.startsAt()), "endsAt", Timestamps.format(created.endsAt()));
        return json(201, Map.of("silence", created.toDocument()));
    }

    private APIGatewayProxyResponseEvent deleteSilence(String silenceId, String caller, String requestId) {
        Instant now = clock.instant();
        Silence deleted = unlessUnavailable(() -> silences.delete(silenceId, now), UNAVAILABLE)
                .orElseThrow(() -> new HttpError(404, "not_found", "There is no silence " + silenceId + " (deleted"
                        + " already, or ended and removed); GET /silences lists those that have not ended."));
        JsonLog.info("silence deleted", "requestId", requestId, "silenceId", silenceId, "caller", caller,
                "endedEarly", deleted.endsAt().isAfter(now));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("silence", deleted.toDocument());
        answer.put("deleted", true);
        return json(200, answer);
    }

    private static HttpError notFound(String incidentId) {
        return new HttpError(404, "not_found", "There is no incident " + incidentId + " (an incident opened in the"
                + " last second may not be listed yet; retry shortly).");
    }
}
