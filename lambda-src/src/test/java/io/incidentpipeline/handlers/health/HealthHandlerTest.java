package io.incidentpipeline.handlers.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code GET /health} against a real dynalite and the EventBridge stub: each check is a real call,
 * made once (no SDK retry), and the verdict is reused for {@code HEALTH_CACHE_SECONDS}.
 */
@ExtendWith(DynaliteExtension.class)
class HealthEndpointTest {
    private static final Duration CACHE = Duration.ofSeconds(HealthCheck.DEFAULT_CACHE_SECONDS);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
    /** HTTP attempts of the table client: a retry would be a second attempt of the same call. */
    private final AtomicInteger tableAttempts = new AtomicInteger();
    private EventBridgeStub bus;
    private DynamoDbClient dynamoDb;
    private EventBridgeClient eventBridge;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        bus = new EventBridgeStub();
        dynamoDb = countingTableClient(null);
        eventBridge = EventBridgeClient.builder()
                .endpointOverride(bus.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void tearDown() {
        dynamoDb.close();
        eventBridge.close();
        bus.close();
    }

    @Test
    void shouldAnswer200WithEveryCheckOk_whenTheTableAndTheBusAnswer(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();

        APIGatewayProxyResponseEvent response = probe(handler(table, "incidents"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(
                "{\"status\":\"ok\",\"checks\":{\"table-read\":\"ok\",\"table-write\":\"ok\",\"bus\":\"ok\"}}");
        assertThat(tableAttempts).hasValue(2);
        assertThat(bus.describeCalls()).isEqualTo(1);
        assertThat(dynalite.item(table, ItemKeys.healthProbe(Dynalite.REGION)))
                .containsEntry("checkedAt", AttributeValue.fromS("2026-11-25T06:00:00.000Z"))
                .containsEntry("writtenRegion", AttributeValue.fromS(Dynalite.REGION));
    }

    @Test
    void shouldReportTheBusCheckSkipped_whenNoBusIsConfigured(Dynalite dynalite) {
        APIGatewayProxyResponseEvent response = probe(handler(dynalite.createIncidentTable(), null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(Map.of("status", "ok", "checks",
                Map.of("table-read", "ok", "table-write", "ok", "bus", "skipped")));
        assertThat(bus.describeCalls()).isZero();
    }

    @Test
    void shouldAnswer503NamingTableRead_whenTheTableIsMissing() {
        APIGatewayProxyResponseEvent response = probe(handler("no-such-table", "incidents"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "30");
        assertThat(body(response)).isEqualTo(Map.of("status", "unhealthy", "failedCheck", "table-read",
                "checks", Map.of("table-read", "failed", "table-write", "not-run", "bus", "not-run")));
        assertThat(bus.describeCalls()).isZero();
    }

    @Test
    void shouldAnswer503WithinTheTimeoutAfterOneAttempt_whenTheTableIsUnreachable() {
        DynamoDbClient unreachable = countingTableClient(URI.create("http://127.0.0.1:" + Dynalite.freePort()));
        long started = System.nanoTime();

        APIGatewayProxyResponseEvent response = probe(new HealthHandler(unreachable, "incidents", () -> eventBridge,
                "incidents", CACHE, clock));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(body(response)).containsEntry("failedCheck", "table-read");
        // The client's own retry strategy would try a refused connection again; the probe must not.
        assertThat(tableAttempts).hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        unreachable.close();
    }

    @Test
    void shouldAnswer503NamingTheBusAfterOneAttempt_whenDescribeEventBusFails(Dynalite dynalite) {
        bus.failDescribeEventBus(true);

        APIGatewayProxyResponseEvent response = probe(handler(dynalite.createIncidentTable(), "incidents"));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "30");
        assertThat(body(response)).isEqualTo(Map.of("status", "unhealthy", "failedCheck", "bus",
                "checks", Map.of("table-read", "ok", "table-write", "ok", "bus", "failed")));
        // A 500 is retryable: one call means the SDK did not retry it.
        assertThat(bus.describeCalls()).isEqualTo(1);
    }

    @Test
    void shouldMakeNoCall_whenProbedAgainWithinTheCacheWindow(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        HealthHandler handler = handler(table, "incidents");
        String first = probe(handler).getBody();
        dynalite.client().deleteTable(b -> b.tableName(table));

        clock.advance(Duration.ofMillis(9_999));
        APIGatewayProxyResponseEvent cached = probe(handler);

        assertThat(cached.getStatusCode()).isEqualTo(200);
        assertThat(cached.getBody()).isEqualTo(first);
        assertThat(tableAttempts).hasValue(2);
        assertThat(bus.describeCalls()).isEqualTo(1);
    }

    @Test
    void shouldCheckAgain_whenTheCachedVerdictHasExpired(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        HealthHandler handler = handler(table, "incidents");
        probe(handler);
        dynalite.client().deleteTable(b -> b.tableName(table));

        clock.advance(Duration.ofSeconds(10));
        APIGatewayProxyResponseEvent fresh = probe(handler);

        assertThat(fresh.getStatusCode()).isEqualTo(503);
        assertThat(body(fresh)).containsEntry("failedCheck", "table-read");
        assertThat(tableAttempts).hasValue(3);
    }

    @Test
    void shouldReuseTheVerdictForTheConfiguredTime_whenHealthCacheSecondsIsSet(Dynalite dynalite) {
        HealthHandler handler = new HealthHandler(dynamoDb, dynalite.createIncidentTable(), () -> eventBridge,
                "incidents", Duration.ofSeconds(30), clock);
        probe(handler);

        clock.advance(Duration.ofSeconds(29));
        probe(handler);
        assertThat(bus.describeCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        probe(handler);
        assertThat(bus.describeCalls()).isEqualTo(2);
    }

    private HealthHandler handler(String table, String busName) {
        return new HealthHandler(dynamoDb, table, () -> eventBridge, busName, CACHE, clock);
    }

    private static APIGatewayProxyResponseEvent probe(HealthHandler handler) {
        return handler.handleRequest(AlertRequests.request("apigw-get-health.json"), null);
    }

    @Test
    void shouldAnswer404_forAnyOtherRoute(Dynalite dynalite) {
        APIGatewayProxyResponseEvent response = handler(dynalite.createIncidentTable(), "incidents")
                .handleRequest(AlertRequests.request("apigw-post-alert.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response)).containsEntry("error", "not_found");
        assertThat(tableAttempts).hasValue(0);
    }

    private static Map<String, Object> body(APIGatewayProxyResponseEvent response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(response.getBody());
        return body;
    }

    /** A table client that counts its HTTP attempts; dynalite's unless {@code endpoint} is given. */
    private DynamoDbClient countingTableClient(URI endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        tableAttempts.incrementAndGet();
                    }
                }));
        return endpoint == null ? builder.build() : builder.endpointOverride(endpoint).build();
    }
}
