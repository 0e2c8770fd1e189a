package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.operator.OperatorApiHandler;
import io.incidentpipeline.handlers.operator.PageCursors;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming runs the alert path without opening an incident or touching a secret; the
 * restore hook reads the secrets, so the first alert waits for none. The priming item is no
 * incident: the operator API neither finds nor changes it, and priming survives finding it in any state.
 */
@ExtendWith(DynaliteExtension.class)
class PrimingTest {
    private static final String OPERATOR = "arn:aws:sts::123456789012:assumed-role/oncall/alice";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));

    @Test
    void shouldWriteNothingAndReadNoSecret_whenPriming(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        List<String> secretsRead = new ArrayList<>();
        IngestHandler handler = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> {
            secretsRead.add(arn);
            return AlertRequests.SECRET;
        }, clock);

        handler.prime();

        // The alert's UpdateItem went to the priming item only: no incident, no secret.
        assertThat(dynalite.itemCount(table)).isEqualTo(1);
        assertThat(dynalite.currentIncidents(table)).isEmpty();
        Map<String, AttributeValue> priming = dynalite.item(table, ItemKeys.priming(Dynalite.REGION));
        assertThat(priming.get("occurrences").n()).isEqualTo(String.valueOf(IngestHandler.PRIMING_ROUNDS));
        assertThat(priming.get("gsi1pk").s()).isEqualTo("PRIMING");
        assertThat(priming.get("gsi2pk").s()).isEqualTo("PRIMING");
        assertThat(secretsRead).isEmpty();

        handler.restore();

        assertThat(secretsRead).containsExactly(AlertRequests.SECRET_ARN);
        assertThat(handler.handleRequest(AlertRequests.criticalAlert(clock.instant()), null).getStatusCode()).isEqualTo(202);
        assertThat(dynalite.currentIncidents(table)).hasSize(1);
    }

    @Test
    void shouldNotFail_whenPrimingCannotReachTheTable() {
        IngestHandler handler = new IngestHandler(AlertRequests.config("incidents"), Dynalite.unreachableClient(),
                arn -> AlertRequests.SECRET, clock);

        handler.prime();
    }

    @Test
    void shouldNotLetTheOperatorApiFindOrChangeThePrimingItem(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        IngestHandler handler = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET, clock);
        handler.prime();
        Map<String, AttributeValue> primed = dynalite.item(table, ItemKeys.priming(Dynalite.REGION));
        String id = primed.get("incidentId").s();
        OperatorApiHandler api = new OperatorApiHandler(dynalite.client(), table, IndexNames.DEFAULT,
                new PageCursors(() -> "cursor-key"), clock);

        for (String action : List.of("acknowledge", "resolve")) {
            APIGatewayProxyResponseEvent answer = api.handleRequest(new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST").withResource("/incidents/{incidentId}/" + action)
                    .withPathParameters(Map.of("incidentId", id))
                    .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withIdentity(
                            new APIGatewayProxyRequestEvent.RequestIdentity().withUserArn(OPERATOR))), null);
            assertThat(answer.getStatusCode()).isEqualTo(404);
        }
        APIGatewayProxyResponseEvent read = api.handleRequest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET").withResource("/incidents/{incidentId}").withPathParameters(Map.of("incidentId", id))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withIdentity(
                        new APIGatewayProxyRequestEvent.RequestIdentity().withUserArn(OPERATOR))), null);
        assertThat(read.getStatusCode()).isEqualTo(404);
        assertThat(dynalite.item(table, ItemKeys.priming(Dynalite.REGION))).isEqualTo(primed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESOLVED", "ACKNOWLEDGED", "NOT-A-STATUS"})
    void shouldPrimeWhateverStateThePrimingItemIsIn(String status, Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        IngestHandler handler = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET, clock);
        handler.prime();
        dynalite.client().updateItem(b -> b.tableName(table).key(ItemKeys.priming(Dynalite.REGION))
                .updateExpression("SET #status = :status").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status))));

        handler.prime();

        Map<String, AttributeValue> priming = dynalite.item(table, ItemKeys.priming(Dynalite.REGION));
        // A status the item class knows is primed through; one it does not stops priming, quietly.
        assertThat(priming.get("occurrences").n()).isEqualTo(String.valueOf(
                status.equals("NOT-A-STATUS") ? IngestHandler.PRIMING_ROUNDS + 1 : 2 * IngestHandler.PRIMING_ROUNDS));
        assertThat(dynalite.currentIncidents(table)).isEmpty();
    }

    @Test
    void shouldNotFail_whenThePrimingItemWasReplacedByAnything(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        Map<String, AttributeValue> junk = new java.util.HashMap<>(ItemKeys.priming(Dynalite.REGION));
        junk.put("occurrences", AttributeValue.fromS("many"));
        dynalite.client().putItem(b -> b.tableName(table).item(junk));
        IngestHandler handler = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET, clock);

        handler.prime();

        assertThat(dynalite.currentIncidents(table)).isEmpty();
    }
}
