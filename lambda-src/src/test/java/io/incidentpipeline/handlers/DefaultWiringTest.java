package io.incidentpipeline.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.playbook.ExamplePlaybookHandler;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.Fixtures;
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
 * that point DynamoDB at dynalite and EventBridge at the stub.
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
    void shouldAnswerHealthFromTheConfiguredTable_whenBuiltByLambda() {
        var response = new IngestHandler().handleRequest(AlertRequests.request("apigw-get-health.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void shouldBuildTheTopicIntake_whenBuiltByLambda() throws Exception {
        var handler = new io.incidentpipeline.handlers.ingest.SnsAlertHandler();

        // No ALERT_TOPIC_ARNS in this environment: a notification is rejected, not an error.
        handler.handleRequest(new java.io.ByteArrayInputStream("{\"Records\":[]}".getBytes()),
                new java.io.ByteArrayOutputStream(), null);
    }

    @Test
    void shouldRecordTheRunInTheConfiguredTable_whenBuiltByLambda(Dynalite dynalite) {
        new ExamplePlaybookHandler().handleRequest(Fixtures.object("eventbridge-incident-opened.json"), null);

        assertThat(dynalite.item(System.getenv("TABLE_NAME"),
                ItemKeys.playbookRun("inc_01M88MM7R0KRYSWZG60SPZEQ0A", System.getenv("PLAYBOOK_NAME")))).isNotEmpty();
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
}
