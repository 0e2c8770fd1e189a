package io.incidentpipeline.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.incidentpipeline.handlers.health.HealthHandler;
import io.incidentpipeline.handlers.ingest.SnsAlertHandler;
import io.incidentpipeline.handlers.playbook.ExamplePlaybookHandler;
import io.incidentpipeline.handlers.publish.DueWorkSweeper;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.IncidentItems;
import io.incidentpipeline.handlers.testsupport.LambdaEvents;
import io.incidentpipeline.handlers.testsupport.StreamRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handlers as Lambda builds them: no-argument constructors, configuration from the
 * environment (set for this JVM in the pom, as the constructs set it), clients from
 * {@code AwsClients} and the SDK's standard settings only, here the {@code aws.*} system properties
 * that point DynamoDB at dynalite and EventBridge at the stub; and their events read from JSON by
 * the Lambda runtime's own deserializer.
 */
@ExtendWith(DynaliteExtension.class)
class DefaultWiringTest {
    private static EventBridgeStub bus;

    @BeforeAll
    static void start(Dynalite dynalite) {
        dynalite.createIncidentTable(System.getenv("TABLE_NAME"));
        bus = new EventBridgeStub();
        System.setProperty("aws.endpointUrlEventBridge", bus.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.endpointUrlEventBridge");
        bus.close();
    }

    @Test
    void shouldAnswerHealthFromTheConfiguredTableAndBus_whenBuiltByLambda() {
        var request = LambdaEvents.fixture(APIGatewayProxyRequestEvent.class, "apigw-get-health.json");

        var response = new HealthHandler().handleRequest(request, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"bus\":\"ok\"");
        assertThat(bus.describeCalls()).isEqualTo(1);
    }

    @Test
    void shouldRecordANotificationOfAConfiguredTopic_whenBuiltByLambda(Dynalite dynalite) {
        SNSEvent event = LambdaEvents.fixture(SNSEvent.class, "sns/lambda-sns-event.json");
        // The handler runs on the real clock, and a notification older than the delivery horizon is refused.
        event.getRecords().get(0).getSNS().setTimestamp(org.joda.time.DateTime.now());

        new SnsAlertHandler().handleRequest(event, null);

        assertThat(dynalite.client().scan(b -> b.tableName(System.getenv("TABLE_NAME"))).items())
                .filteredOn(item -> ItemKeys.isIncident(item.get(ItemKeys.PK).s(), item.get(ItemKeys.SK).s()))
                .extracting(item -> item.get("source").s())
                .containsExactly("aws-budgets");
    }

    @Test
    void shouldRecordTheRunInTheConfiguredTable_whenBuiltByLambda(Dynalite dynalite) {
        IncidentItems.putFromEvent(dynalite.client(), System.getenv("TABLE_NAME"),
                Fixtures.object("eventbridge-incident-opened.json"));

        new ExamplePlaybookHandler().handleRequest(Fixtures.object("eventbridge-incident-opened.json"), null);

        assertThat(dynalite.item(System.getenv("TABLE_NAME"),
                ItemKeys.playbookRun("inc_01M88MM7R0KRYSWZG60SPZEQ0A", System.getenv("PLAYBOOK_NAME")))).isNotEmpty();
        // The table is shared by this class's tests: leave no incident for the others to find.
        dynalite.client().deleteItem(b -> b.tableName(System.getenv("TABLE_NAME"))
                .key(ItemKeys.incident("45fde9cedd4feca05364d9b74dad74dbc1a4b28c347fbf9f98d1391fc25fb3c7")));
    }

    @Test
    void shouldPutTheEventOnTheConfiguredBus_whenBuiltByLambda() {
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) Fixtures.object("eventbridge-incident-opened.json").get("detail");
        Map<String, AttributeValue> item = new HashMap<>();
        detail.forEach((name, value) -> {
            if (value instanceof String text) {
                item.put(name, AttributeValue.fromS(text));
            }
        });
        item.putAll(ItemKeys.incident((String) detail.get("fingerprint")));
        item.put("occurrences", AttributeValue.fromN("1"));
        item.put("writtenRegion", AttributeValue.fromS(Dynalite.REGION));

        var response = new StreamPublisher().handleRequest(StreamRecords.event(List.of(StreamRecords.insert(item))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.detailTypes()).containsExactly("Incident Opened");
    }

    @Test
    void shouldSweepTheConfiguredTablesDueIndex_whenBuiltByLambda() {
        assertThat(new DueWorkSweeper().handleRequest(Map.of("detail-type", "Scheduled Event"), null))
                .containsEntry("due", 0).containsEntry("announced", 0);
    }
}
