package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

@ExtendWith(DynaliteExtension.class)
class HealthEndpointTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));

    @Test
    void shouldAnswer200Ok_whenTheTableAnswers(Dynalite dynalite) {
        APIGatewayProxyResponseEvent response = health(dynalite.client(), dynalite.createIncidentTable());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(IngestHandlerTest.body(response)).isEqualTo(Map.of("status", "ok", "checks",
                Map.of("table-read", "ok", "table-write", "ok", "bus", "skipped")));
    }

    @Test
    void shouldAnswer503NamingTheTable_whenTheTableIsUnreachable() {
        long started = System.nanoTime();

        APIGatewayProxyResponseEvent response = health(Dynalite.unreachableClient(), "incidents");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "30");
        assertThat(IngestHandlerTest.body(response)).isEqualTo(Map.of("status", "unhealthy", "failedCheck", "table-read",
                "checks", Map.of("table-read", "failed", "table-write", "not-run", "bus", "skipped")));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shouldReuseTheLastResultFor10Seconds_whenProbedAgain(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        IngestHandler handler = handler(dynalite.client(), table);
        assertThat(handler.handleRequest(AlertRequests.request("apigw-get-health.json"), null).getStatusCode())
                .isEqualTo(200);
        dynalite.client().deleteTable(b -> b.tableName(table));

        clock.advance(Duration.ofSeconds(9));
        int cached = handler.handleRequest(AlertRequests.request("apigw-get-health.json"), null).getStatusCode();
        clock.advance(Duration.ofSeconds(1));
        int fresh = handler.handleRequest(AlertRequests.request("apigw-get-health.json"), null).getStatusCode();

        assertThat(cached).isEqualTo(200);
        assertThat(fresh).isEqualTo(503);
    }

    @Test
    void shouldWriteTheRegionsProbeItemAndCheckTheBus_whenHealthy(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        try (EventBridgeStub bus = new EventBridgeStub()) {
            APIGatewayProxyResponseEvent response = withBus(dynalite.client(), table, bus)
                    .handleRequest(AlertRequests.request("apigw-get-health.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(IngestHandlerTest.body(response)).isEqualTo(Map.of("status", "ok", "checks",
                    Map.of("table-read", "ok", "table-write", "ok", "bus", "ok")));
            assertThat(bus.describeCalls()).isEqualTo(1);
            assertThat(dynalite.item(table, ItemKeys.healthProbe(Dynalite.REGION)))
                    .containsEntry("checkedAt", AttributeValue.fromS("2026-11-25T06:00:00.000Z"))
                    .containsEntry("writtenRegion", AttributeValue.fromS(Dynalite.REGION));
        }
    }

    @Test
    void shouldAnswer503NamingTheBus_whenTheBusIsUnreachable(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        try (EventBridgeStub bus = new EventBridgeStub()) {
            bus.rejectCalls(true);

            APIGatewayProxyResponseEvent response = withBus(dynalite.client(), table, bus)
                    .handleRequest(AlertRequests.request("apigw-get-health.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(IngestHandlerTest.body(response)).containsEntry("failedCheck", "bus");
        }
    }

    @Test
    void shouldCheckTheBusOncePer10Seconds_whenProbedOften(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        try (EventBridgeStub bus = new EventBridgeStub()) {
            IngestHandler handler = withBus(dynalite.client(), table, bus);
            for (int probe = 0; probe < 5; probe++) {
                handler.handleRequest(AlertRequests.request("apigw-get-health.json"), null);
                clock.advance(Duration.ofSeconds(2));
            }
            assertThat(bus.describeCalls()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            handler.handleRequest(AlertRequests.request("apigw-get-health.json"), null);
            assertThat(bus.describeCalls()).isEqualTo(2);
        }
    }

    private IngestHandler withBus(DynamoDbClient dynamoDb, String table, EventBridgeStub bus) {
        EventBridgeClient eventBridge = EventBridgeClient.builder()
                .endpointOverride(bus.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new IngestHandler(AlertRequests.config(table), dynamoDb, () -> eventBridge, "incidents",
                arn -> AlertRequests.SECRET, clock);
    }

    private APIGatewayProxyResponseEvent health(DynamoDbClient dynamoDb, String table) {
        return handler(dynamoDb, table).handleRequest(AlertRequests.request("apigw-get-health.json"), null);
    }

    private IngestHandler handler(DynamoDbClient dynamoDb, String table) {
        return new IngestHandler(AlertRequests.config(table), dynamoDb, arn -> AlertRequests.SECRET, clock);
    }
}
