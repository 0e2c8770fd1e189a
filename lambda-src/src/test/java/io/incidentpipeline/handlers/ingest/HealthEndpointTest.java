package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class HealthEndpointTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));

    @Test
    void shouldAnswer200Ok_whenTheTableAnswers(Dynalite dynalite) {
        APIGatewayProxyResponseEvent response = health(dynalite.client(), dynalite.createIncidentTable());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(IngestHandlerTest.body(response)).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void shouldAnswer503NamingTheTable_whenTheTableIsUnreachable() {
        long started = System.nanoTime();

        APIGatewayProxyResponseEvent response = health(Dynalite.unreachableClient(), "incidents");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(IngestHandlerTest.body(response)).isEqualTo(Map.of("status", "unhealthy", "failedCheck", "table"));
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

    private APIGatewayProxyResponseEvent health(DynamoDbClient dynamoDb, String table) {
        return handler(dynamoDb, table).handleRequest(AlertRequests.request("apigw-get-health.json"), null);
    }

    private IngestHandler handler(DynamoDbClient dynamoDb, String table) {
        return new IngestHandler(AlertRequests.config(table), dynamoDb, arn -> AlertRequests.SECRET, clock);
    }
}
