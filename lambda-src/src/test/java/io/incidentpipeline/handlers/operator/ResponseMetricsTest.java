package io.incidentpipeline.handlers.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.publish.DueWorkSweeper;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.LogLines;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import io.incidentpipeline.handlers.testsupport.StreamRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * MTTA and MTTR: the metrics the publisher records from each announced transition (embedded metric
 * format), and {@code GET /incidents/stats} from the listing indexes.
 */
@ExtendWith(DynaliteExtension.class)
class ResponseMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final String ALICE = "arn:aws:sts::123456789012:assumed-role/oncall/alice";

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(NOW);
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private OperatorApiHandler api;
    private IngestHandler ingest;
    private StreamPublisher publisher;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        DynamoDbClient recorded = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
        closeables.add(recorded);
        api = new OperatorApiHandler(recorded, table, IndexNames.DEFAULT, new PageCursors(() -> "cursor-key"), clock);
        ingest = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET, clock);
        EventBridgeStub bus = new EventBridgeStub();
        EventBridgeClient eventBridge = EventBridgeClient.builder().endpointOverride(bus.endpoint())
                .httpClient(UrlConnectionHttpClient.create()).build();
        closeables.add(eventBridge);
        closeables.add(bus);
        publisher = new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void shouldRecordTimeToAcknowledgeAndResolvePerServiceAndSeverity_fromTheTransitionsThePublisherAnnounces() {
        Map<String, AttributeValue> opened = open("Disk full on db-1", "orders-db", "critical");
        clock.advance(Duration.ofSeconds(90));
        transition(opened.get("incidentId").s(), "acknowledge");
        Map<String, AttributeValue> acknowledged = head(opened);
        clock.advance(Duration.ofSeconds(210));
        transition(opened.get("incidentId").s(), "resolve");
        Map<String, AttributeValue> resolved = head(opened);

        List<Map<String, Object>> metrics = LogLines.of(() -> publish(StreamRecords.insert(opened),
                StreamRecords.modify(opened, acknowledged), StreamRecords.modify(acknowledged, resolved)))
                .stream().filter(line -> line.containsKey("_aws")).toList();

        assertThat(metrics).hasSize(3);
        assertThat(metrics).allSatisfy(line -> assertThat(line).containsEntry("Pipeline", table)
                .containsEntry("Service", "orders-db").containsEntry("Severity", "critical"));
        assertThat(metrics.get(0)).containsEntry("IncidentsOpened", 1.0);
        assertThat(metrics.get(1)).containsEntry("TimeToAcknowledge", 90.0);
        assertThat(metrics.get(2)).containsEntry("TimeToResolve", 300.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> emf = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) metrics.get(1).get("_aws"))
                .get("CloudWatchMetrics")).get(0);
        assertThat(emf).containsEntry("Namespace", "IncidentPipeline/Incidents")
                .containsEntry("Dimensions", List.of(List.of("Pipeline", "Service", "Severity"), List.of("Pipeline", "Severity")))
                .containsEntry("Metrics", List.of(Map.of("Name", "TimeToAcknowledge", "Unit", "Seconds")));
    }

    @Test
    void shouldAnswerCountsAndPercentilesOfAWindow_fromTheIndexesWithoutAScan() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ids.add(open("Disk full on db-" + i, "orders-db", i == 1 ? "critical" : "high").get("incidentId").s());
        }
        String payments = open("Latency high", "payments", "medium").get("incidentId").s();
        clock.advance(Duration.ofSeconds(60));
        transition(ids.get(0), "acknowledge");
        clock.advance(Duration.ofSeconds(60));
        transition(ids.get(1), "acknowledge");
        transition(ids.get(0), "resolve");
        clock.advance(Duration.ofSeconds(480));
        transition(ids.get(2), "resolve");
        transition(payments, "resolve");
        operations.clear();

        Map<String, Object> all = ok(api.handleRequest(stats(Map.of("since", "1h")), null));
        Map<String, Object> orders = ok(api.handleRequest(stats(Map.of("service", "orders-db", "since", "2026-11-25T05:00:00Z")), null));

        assertThat(all.get("incidents")).isEqualTo(Map.of("total", 5, "open", 1, "acknowledged", 1, "resolved", 3,
                "bySeverity", Map.of("critical", 1, "high", 3, "medium", 1)));
        assertThat(all.get("timeToAcknowledge")).isEqualTo(Map.of("count", 2, "p50Seconds", 60, "p90Seconds", 120,
                "p99Seconds", 120, "maxSeconds", 120));
        assertThat(all.get("timeToResolve")).isEqualTo(Map.of("count", 3, "p50Seconds", 600, "p90Seconds", 600,
                "p99Seconds", 600, "maxSeconds", 600));
        assertThat(all).containsEntry("truncated", false).containsEntry("since", "2026-11-25T05:10:00.000Z");
        assertThat(orders.get("incidents")).isEqualTo(Map.of("total", 4, "open", 1, "acknowledged", 1, "resolved", 2,
                "bySeverity", Map.of("critical", 1, "high", 3)));
        assertThat(((Map<?, ?>) orders.get("timeToResolve")).get("p50Seconds")).isEqualTo(120);
        assertThat(operations).doesNotContain("Scan").containsOnly("Query", "BatchGetItem");
    }

    @Test
    void shouldRecordTheIncidentsNotYetResolvedBySeverity_onEachSweep() throws Exception {
        open("Disk full on db-1", "orders-db", "critical");
        String acknowledged = open("Disk full on db-2", "orders-db", "critical").get("incidentId").s();
        open("Latency high", "payments", "low");
        String resolved = open("Queue backlog", "payments", "low").get("incidentId").s();
        transition(acknowledged, "acknowledge");
        transition(resolved, "resolve");
        try (EventBridgeStub bus = new EventBridgeStub();
             EventBridgeClient eventBridge = EventBridgeClient.builder().endpointOverride(bus.endpoint())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            DueWorkSweeper sweeper = new DueWorkSweeper(eventBridge, "incident-bus", dynalite.client(), table,
                    IndexNames.DUE_WORK, Duration.ofMinutes(1), clock);

            List<Map<String, Object>> gauges = LogLines.of(sweeper::sweep).stream()
                    .filter(line -> line.containsKey("OpenIncidents")).toList();

            assertThat(gauges).extracting(line -> line.get("Severity"), line -> line.get("OpenIncidents"))
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("critical", 2.0),
                            org.assertj.core.groups.Tuple.tuple("low", 1.0));
        }
    }

    @Test
    void shouldRejectBadStatsParameters_namingTheParameter() {
        assertThat(rejected(Map.of("since", "yesterday"))).contains("since");
        assertThat(rejected(Map.of("since", "91d"))).contains("90 days");
        assertThat(rejected(Map.of("since", "2026-11-26T00:00:00Z"))).contains("future");
        assertThat(rejected(Map.of("service", "orders db"))).contains("service");
        assertThat(rejected(Map.of("status", "OPEN"))).contains("'status'");
        assertThat(ok(api.handleRequest(stats(Map.of()), null))).containsEntry("since", "2026-11-18T06:00:00.000Z");
    }

    private String rejected(Map<String, String> query) {
        APIGatewayProxyResponseEvent response = api.handleRequest(stats(query), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        return String.valueOf(((Map<?, ?>) Json.read(response.getBody())).get("message"));
    }

    private Map<String, AttributeValue> open(String title, String service, String severity) {
        String body = "{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\",\"service\":\"" + service + "\"}";
        APIGatewayProxyResponseEvent response = ingest.handleRequest(AlertRequests.alert(body, clock.instant()), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        String incidentId = (String) ((Map<?, ?>) Json.read(response.getBody())).get("incidentId");
        return dynalite.currentIncidents(table).stream().filter(i -> i.incidentId().equals(incidentId)).findFirst()
                .map(i -> dynalite.item(table, ItemKeys.incident(i.fingerprint()))).orElseThrow();
    }

    private void transition(String incidentId, String action) {
        ok(api.handleRequest(request("POST", "/incidents/{incidentId}/" + action)
                .withPathParameters(Map.of("incidentId", incidentId)), null));
    }

    private Map<String, AttributeValue> head(Map<String, AttributeValue> incident) {
        return dynalite.item(table, Map.of(ItemKeys.PK, incident.get(ItemKeys.PK), ItemKeys.SK, incident.get(ItemKeys.SK)));
    }

    private void publish(DynamodbStreamRecord... records) {
        assertThat(publisher.handleRequest(StreamRecords.event(List.of(records)), null).getBatchItemFailures()).isEmpty();
    }

    private static Map<String, Object> ok(APIGatewayProxyResponseEvent response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(response.getBody());
        return body;
    }

    private static APIGatewayProxyRequestEvent stats(Map<String, String> query) {
        return request("GET", "/incidents/stats").withQueryStringParameters(query);
    }

    private static APIGatewayProxyRequestEvent request(String method, String resource) {
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setUserArn(ALICE);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setIdentity(identity);
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withResource(resource).withRequestContext(context);
    }
}
