package io.incidentpipeline.handlers.health;

import static io.incidentpipeline.handlers.http.ApiResponses.error;
import static io.incidentpipeline.handlers.http.ApiResponses.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.http.HttpError;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code GET /health}: whether this region can read and write its table and reach its bus
 * ({@link HealthCheck}), for Route 53's health checks and load balancers. A function of its own,
 * apart from alert intake: probes neither take the intake's concurrency nor bill its logs, and the
 * intake's jar carries no EventBridge client.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code EVENT_BUS_NAME} (no bus check when unset or blank),
 * {@code HEALTH_CACHE_SECONDS} (default {@value HealthCheck#DEFAULT_CACHE_SECONDS}).
 */
public final class HealthHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
    static final String ROUTE = "GET /health";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final HealthCheck health;

    /** For Lambda: configured from the environment, with the clients built once at init. */
    public HealthHandler() {
        this(new Environment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    private HealthHandler(Environment env) {
        this(AwsClients.dynamoDb(), env.required("TABLE_NAME"), () -> BusClient.CLIENT,
                env.optional("EVENT_BUS_NAME", ""), Duration.ofSeconds(
                        env.positiveInt("HEALTH_CACHE_SECONDS", HealthCheck.DEFAULT_CACHE_SECONDS)), Clock.systemUTC());
    }

    /** Built on first use, once per function instance: a stage without a bus never builds it. */
    private static final class BusClient {
        static final EventBridgeClient CLIENT = AwsClients.configured(EventBridgeClient.builder());
    }

    /**
     * @param dynamoDb    the table's client; its region is this handler's region
     * @param tableName   the incident table
     * @param eventBridge the bus's client, built on first use
     * @param busName     the incident bus, or null or blank for no bus check
     * @param cacheFor    how long a verdict is reused
     * @param clock       the time of checks
     */
    public HealthHandler(DynamoDbClient dynamoDb, String tableName, Supplier<EventBridgeClient> eventBridge,
            String busName, Duration cacheFor, Clock clock) {
        this.health = new HealthCheck(dynamoDb, tableName, dynamoDb.serviceClientConfiguration().region().id(),
                eventBridge, busName == null || busName.isBlank() ? null : busName, TIMEOUT, cacheFor, clock);
    }

    /** SnapStart: build the clients and their request paths before the snapshot, so no probe pays for it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        health.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to redo: the SDK reopens connections, and the verdict cache expires by the clock.
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String route = request.getHttpMethod() + " " + (request.getResource() != null ? request.getResource() : request.getPath());
        if (!ROUTE.equals(route)) {
            return error(new HttpError(404, "not_found", "There is no " + route + "; this function serves " + ROUTE + "."));
        }
        HealthCheck.Verdict verdict = health.check();
        // Built in order, so the answer reads status first and the checks in the order they ran.
        Map<String, Object> answer = new LinkedHashMap<>();
        if (verdict.failedCheck().isEmpty()) {
            answer.put("status", "ok");
            answer.put("checks", verdict.checks());
            return json(200, answer);
        }
        answer.put("status", "unhealthy");
        answer.put("failedCheck", verdict.failedCheck().get());
        answer.put("checks", verdict.checks());
        JsonLog.warn("unhealthy", "failedCheck", verdict.failedCheck().get());
        APIGatewayProxyResponseEvent unhealthy = json(503, answer);
        unhealthy.getHeaders().put("Retry-After", "30"); // a Route 53 probe interval
        return unhealthy;
    }
}
