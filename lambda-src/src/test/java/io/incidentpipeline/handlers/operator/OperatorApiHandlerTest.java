package io.incidentpipeline.handlers.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import io.incidentpipeline.handlers.testsupport.StreamRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The operator API end to end against dynalite: incidents opened through the ingest handler, their
 * timelines written by the publisher, and every DynamoDB operation the API makes recorded, to show
 * that no path scans.
 */
@ExtendWith(DynaliteExtension.class)
class OperatorApiHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final String ALICE = "arn:aws:sts::123456789012:assumed-role/oncall/alice";
    private static final String BOB = "arn:aws:sts::123456789012:assumed-role/oncall/bob";

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(NOW);
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private DynamoDbClient recordedClient;
    private OperatorApiHandler api;
    private IngestHandler ingest;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        recordedClient = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
        api = new OperatorApiHandler(recordedClient, table, IndexNames.DEFAULT, new PageCursors(() -> "cursor-key"), clock);
        ingest = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET, clock);
    }

    @AfterEach
    void tearDown() {
        recordedClient.close();
    }

    @Test
    void shouldListEveryOpenIncidentNewestFirst_acrossPagesWithCursors_andNeverScan() {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(open("Disk full on db-" + i, "orders-db"));
            clock.advance(Duration.ofSeconds(1));
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Map<String, Object> page = ok(api.handleRequest(list(query), null));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> incidents = (List<Map<String, Object>>) page.get("incidents");
            incidents.forEach(incident -> listed.add((String) incident.get("incidentId")));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        Collections.reverse(opened);
        assertThat(listed).containsExactlyElementsOf(opened);
        assertThat(pages).isBetween(3, 4);
        assertThat(operations).isNotEmpty().doesNotContain("Scan").allMatch(op -> op.equals("Query"));
    }

    @Test
    void shouldListByServiceAndStatus_includingAResolvedIncidentThatANewOneReplaced() {
        String orders = open("Disk full on db-1", "orders-db");
        String payments = open("Latency high", "payments");
        resolve(orders);
        clock.advance(Duration.ofMinutes(1));
        String reopened = open("Disk full on db-1", "orders-db");

        assertThat(ids(Map.of("service", "orders-db"))).containsExactly(reopened);
        assertThat(ids(Map.of("status", "open"))).containsExactlyInAnyOrder(reopened, payments);
        assertThat(ids(Map.of("status", "RESOLVED", "service", "orders-db"))).containsExactly(orders);
        assertThat(ids(Map.of("status", "RESOLVED", "service", "payments"))).isEmpty();
        assertThat(ok(api.handleRequest(get(orders), null))).extracting(answer -> ((Map<?, ?>) answer.get("incident")).get("status"))
                .isEqualTo("RESOLVED");
        assertThat(operations).doesNotContain("Scan");
    }

    @Test
    void shouldAcknowledgeThenResolve_recordingWhoAndWhy_andShowTheTimeline() {
        List<DynamodbStreamRecord> changes = new ArrayList<>();
        String id = open("Disk full on db-1", "orders-db");
        Map<String, AttributeValue> v1 = head();
        changes.add(StreamRecords.insert(v1));
        clock.advance(Duration.ofSeconds(10));
        open("Disk full on db-1", "orders-db");
        Map<String, AttributeValue> v2 = head();
        changes.add(StreamRecords.modify(v1, v2));
        clock.advance(Duration.ofSeconds(10));

        Map<String, Object> acknowledged = ok(api.handleRequest(
                transition(id, "acknowledge", ALICE, "{\"note\":\"looking at it\"}"), null));
        Map<String, AttributeValue> v3 = head();
        changes.add(StreamRecords.modify(v2, v3));
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> resolved = ok(api.handleRequest(transition(id, "resolve", BOB, null), null));
        changes.add(StreamRecords.modify(v3, head()));
        publish(changes);

        assertThat(acknowledged).containsEntry("changed", true);
        assertThat(document(acknowledged)).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("acknowledgedBy", ALICE).containsEntry("acknowledgedAt", "2026-11-25T06:00:20.000Z");
        assertThat(document(resolved)).containsEntry("status", "RESOLVED")
                .containsEntry("resolvedBy", BOB).containsEntry("acknowledgedBy", ALICE).containsEntry("occurrences", 2);
        Map<String, Object> answer = ok(api.handleRequest(get(id), null));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) answer.get("timeline");
        assertThat(timeline).extracting(entry -> entry.get("type") + " by " + entry.get("actor"))
                .containsExactly("opened by alert:generic", "occurrences by null", "acknowledged by " + ALICE,
                        "resolved by " + BOB);
        assertThat(timeline.get(1)).containsEntry("occurrences", 2).containsEntry("firstSeenAt", "2026-11-25T06:00:00.000Z")
                .containsEntry("lastSeenAt", "2026-11-25T06:00:10.000Z");
        assertThat(timeline.get(2)).containsEntry("note", "looking at it").containsEntry("region", "us-east-1");
        assertThat(timeline.get(3)).doesNotContainKey("note");
        assertThat(answer).containsEntry("timelineTruncated", false);
    }

    @Test
    void shouldAnswerUnchanged_whenRepeated_andConflict_whenTheTransitionIsNotAllowed() {
        String id = open("Disk full on db-1", "orders-db");
        ok(api.handleRequest(transition(id, "acknowledge", ALICE, null), null));

        assertThat(ok(api.handleRequest(transition(id, "acknowledge", BOB, null), null)))
                .containsEntry("changed", false)
                .extracting(answer -> ((Map<?, ?>) answer.get("incident")).get("acknowledgedBy")).isEqualTo(ALICE);
        ok(api.handleRequest(transition(id, "resolve", ALICE, null), null));
        APIGatewayProxyResponseEvent conflict = api.handleRequest(transition(id, "acknowledge", BOB, null), null);

        assertThat(conflict.getStatusCode()).isEqualTo(409);
        assertThat(error(conflict)).containsEntry("error", "invalid_transition");
        assertThat((String) error(conflict).get("message")).contains("is RESOLVED", "only OPEN incidents");
        assertThat(ok(api.handleRequest(transition(id, "resolve", BOB, null), null))).containsEntry("changed", false);
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentAcknowledgementsChangeTheIncident() throws Exception {
        String id = open("Disk full on db-1", "orders-db");
        int operators = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(operators);
        List<Future<Map<String, Object>>> answers = new ArrayList<>();
        for (int i = 0; i < operators; i++) {
            String operator = "arn:aws:sts::123456789012:assumed-role/oncall/op" + i;
            Callable<Map<String, Object>> call = () -> {
                start.await();
                return ok(api.handleRequest(transition(id, "acknowledge", operator, null), null));
            };
            answers.add(pool.submit(call));
        }
        start.countDown();
        List<Object> changed = new ArrayList<>();
        for (Future<Map<String, Object>> answer : answers) {
            changed.add(answer.get().get("changed"));
        }
        pool.shutdown();

        assertThat(changed).containsOnlyOnce(true).hasSize(operators);
    }

    @Test
    void shouldResolveTheArchivedCopyAsUnchanged_andRefuseToAcknowledgeIt_afterANewIncidentReplacedIt() {
        String first = open("Disk full on db-1", "orders-db");
        resolve(first);
        open("Disk full on db-1", "orders-db");

        assertThat(ok(api.handleRequest(transition(first, "resolve", ALICE, null), null))).containsEntry("changed", false);
        assertThat(api.handleRequest(transition(first, "acknowledge", ALICE, null), null).getStatusCode()).isEqualTo(409);
        assertThat(dynalite.item(table, ItemKeys.archivedIncident(first)).get("status").s()).isEqualTo("RESOLVED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown status         | status=CLOSED            | 400 | invalid_parameter",
            "unknown parameter      | serivce=orders-db        | 400 | invalid_parameter",
            "service with a space   | service=orders db        | 400 | invalid_parameter",
            "service too long       | service=LONG             | 400 | invalid_parameter",
            "limit zero             | limit=0                  | 400 | invalid_parameter",
            "limit over 100         | limit=101                | 400 | invalid_parameter",
            "limit not a number     | limit=ten                | 400 | invalid_parameter",
            "limit negative         | limit=-1                 | 400 | invalid_parameter",
            "forged cursor          | cursor=eyJwayI6IkZQIyJ9  | 400 | invalid_cursor",
            "empty cursor           | cursor=                  | 400 | invalid_cursor"})
    void shouldRefuseABadListing(String name, String parameter, int status, String code) {
        String[] pair = parameter.split("=", 2);
        String value = pair[1].equals("LONG") ? "s".repeat(129) : pair[1];

        APIGatewayProxyResponseEvent response = api.handleRequest(list(Map.of(pair[0], value)), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(error(response)).containsEntry("error", code);
        assertThat(operations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "note too long          | application/json | LONGNOTE                        | 400 | invalid_field",
            "note not a string      | application/json | {\"note\": 42}                  | 400 | invalid_field",
            "note blank             | application/json | {\"note\": \"  \"}              | 400 | invalid_field",
            "note control character | application/json | {\"note\": \"a\\u0007b\"}       | 400 | invalid_field",
            "body not JSON          | application/json | {note                           | 400 | invalid_json",
            "body an array          | application/json | [1]                             | 400 | invalid_body",
            "wrong content type     | text/plain       | {\"note\": \"x\"}               | 415 | unsupported_media_type",
            "body over 4 KB         | application/json | HUGE                            | 413 | payload_too_large"})
    void shouldRefuseABadTransitionBody_andChangeNothing(String name, String contentType, String body, int status,
            String code) {
        String id = open("Disk full on db-1", "orders-db");
        Map<String, AttributeValue> before = dynalite.item(table, ItemKeys.incident(dynalite.currentIncidents(table)
                .get(0).fingerprint()));
        String sent = switch (body) {
            case "LONGNOTE" -> "{\"note\":\"" + "n".repeat(1025) + "\"}";
            case "HUGE" -> "{\"note\":\"" + "n".repeat(5000) + "\"}";
            default -> body;
        };
        APIGatewayProxyRequestEvent request = transition(id, "acknowledge", ALICE, sent);
        request.setHeaders(Map.of("Content-Type", contentType));

        APIGatewayProxyResponseEvent response = api.handleRequest(request, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(error(response)).containsEntry("error", code);
        assertThat(dynalite.item(table, ItemKeys.incident(dynalite.currentIncidents(table).get(0).fingerprint())))
                .isEqualTo(before);
    }

    @Test
    void shouldRefuseUnknownIdsRoutesAndUnsignedCalls() {
        APIGatewayProxyRequestEvent unsigned = list(Map.of());
        unsigned.getRequestContext().setIdentity(new APIGatewayProxyRequestEvent.RequestIdentity());

        assertThat(api.handleRequest(get("inc_01JD5Z8Y6Q3T0R7W2X9V4N1M8K"), null).getStatusCode()).isEqualTo(404);
        assertThat(error(api.handleRequest(get("inc_lowercase0000000000000000"), null)))
                .containsEntry("error", "invalid_parameter");
        assertThat(error(api.handleRequest(transition("42", "resolve", ALICE, null), null)))
                .containsEntry("error", "invalid_parameter");
        assertThat(api.handleRequest(unsigned, null).getStatusCode()).isEqualTo(403);
        APIGatewayProxyRequestEvent other = list(Map.of());
        other.setResource("/incidents/{incidentId}/escalate");
        other.setHttpMethod("POST");
        assertThat(error(api.handleRequest(other, null))).containsEntry("error", "not_found");
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldAnswer503WithRetryAfter_whenTheTableIsUnreachable() {
        OperatorApiHandler cutOff = new OperatorApiHandler(Dynalite.unreachableClient(), table, IndexNames.DEFAULT,
                new PageCursors(() -> "cursor-key"), clock);

        APIGatewayProxyResponseEvent response = cutOff.handleRequest(list(Map.of()), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsKey("Retry-After");
    }

    private String open(String title, String service) {
        String body = "{\"title\":\"" + title + "\",\"severity\":\"high\",\"service\":\"" + service + "\"}";
        APIGatewayProxyResponseEvent response = ingest.handleRequest(AlertRequests.alert(body, clock.instant()), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        return (String) ((Map<?, ?>) Json.read(response.getBody())).get("incidentId");
    }

    private void resolve(String incidentId) {
        ok(api.handleRequest(transition(incidentId, "resolve", ALICE, null), null));
    }

    private List<String> ids(Map<String, String> query) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> incidents = (List<Map<String, Object>>) ok(api.handleRequest(list(query), null))
                .get("incidents");
        Set<String> ids = new LinkedHashSet<>();
        incidents.forEach(incident -> ids.add((String) incident.get("incidentId")));
        return List.copyOf(ids);
    }

    /** @return the current item of the only fingerprint the test alerted on */
    private Map<String, AttributeValue> head() {
        return dynalite.item(table, ItemKeys.incident(dynalite.currentIncidents(table).get(0).fingerprint()));
    }

    /** Publishes the changes as the table's stream delivers them, which writes their timeline entries. */
    private void publish(List<DynamodbStreamRecord> changes) {
        try (EventBridgeStub bus = new EventBridgeStub();
             EventBridgeClient eventBridge = EventBridgeClient.builder().endpointOverride(bus.endpoint())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            StreamPublisher publisher = new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table);
            assertThat(publisher.handleRequest(StreamRecords.event(changes), null).getBatchItemFailures()).isEmpty();
        }
    }

    private static Map<String, Object> ok(APIGatewayProxyResponseEvent response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(response.getBody());
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("incident");
    }

    private static Map<String, Object> error(APIGatewayProxyResponseEvent response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(response.getBody());
        return body;
    }

    private static APIGatewayProxyRequestEvent request(String method, String resource, String caller) {
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setUserArn(caller);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setIdentity(identity);
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withResource(resource).withRequestContext(context);
    }

    private static APIGatewayProxyRequestEvent list(Map<String, String> query) {
        return request("GET", "/incidents", ALICE).withQueryStringParameters(query);
    }

    private static APIGatewayProxyRequestEvent get(String incidentId) {
        return request("GET", "/incidents/{incidentId}", ALICE).withPathParameters(Map.of("incidentId", incidentId));
    }

    private static APIGatewayProxyRequestEvent transition(String incidentId, String action, String caller, String body) {
        APIGatewayProxyRequestEvent request = request("POST", "/incidents/{incidentId}/" + action, caller)
                .withPathParameters(Map.of("incidentId", incidentId));
        if (body != null) {
            request.withBody(body).withHeaders(Map.of("Content-Type", "application/json"));
        }
        return request;
    }
}
