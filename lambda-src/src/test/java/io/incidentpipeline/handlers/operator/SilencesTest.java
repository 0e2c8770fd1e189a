package io.incidentpipeline.handlers.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.escalation.EscalationPolicies;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.publish.DueWorkSweeper;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import io.incidentpipeline.handlers.store.Announcement;
import io.incidentpipeline.handlers.store.DueWork;
import io.incidentpipeline.handlers.store.IncidentLifecycle;
import io.incidentpipeline.handlers.store.IncidentQueries;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.store.Silences;
import io.incidentpipeline.handlers.store.Transition;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import io.incidentpipeline.handlers.testsupport.StreamRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Silences end to end on one table shared by two "regions": created through the operator API,
 * matched by ingest, recorded but announced as silenced, and announced {@code Incident Unsilenced}
 * once when they end or are deleted.
 */
@ExtendWith(DynaliteExtension.class)
class SilencesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final String ALICE = "arn:aws:sts::123456789012:assumed-role/oncall/alice";
    private static final String DB_ALERT = "{\"title\":\"Disk full on db-1\",\"severity\":\"high\","
            + "\"service\":\"orders-db\",\"labels\":{\"env\":\"prod\"}}";
    private static final String PAYMENTS_ALERT = "{\"title\":\"Latency high\",\"severity\":\"high\","
            + "\"service\":\"payments\"}";
    /** Past ingest's cached copy of the silences. */
    private static final Duration CACHE = Duration.ofSeconds(Silences.DEFAULT_CACHE_SECONDS);

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(NOW);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private OperatorApiHandler api;
    private IngestHandler ingest;
    private Region regionA;
    private Region regionB;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        api = new OperatorApiHandler(dynalite.client(), table, IndexNames.DEFAULT, new PageCursors(() -> "cursor-key"), clock);
        ingest = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET, clock);
        regionA = new Region(Dynalite.REGION);
        regionB = new Region("eu-west-1");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void shouldCreateListAndDeleteASilence_recordingTheCallersArn() {
        Map<String, Object> created = createSilence(silence("{\"service\":\"orders-db\",\"severity\":[\"high\",\"critical\"]}",
                "2026-11-25T08:00:00Z", ", \"runPlaybooks\": true"));

        assertThat(created).containsEntry("createdBy", ALICE).containsEntry("startsAt", "2026-11-25T06:00:00.000Z")
                .containsEntry("endsAt", "2026-11-25T08:00:00.000Z").containsEntry("runPlaybooks", true)
                .containsEntry("origin", "api").containsEntry("comment", "CHG-1234 database migration");
        assertThat(created.get("silenceId").toString()).matches("sil_[0-9A-Z]{26}");
        assertThat(listSilences()).extracting(s -> s.get("silenceId")).containsExactly(created.get("silenceId"));

        APIGatewayProxyResponseEvent deleted = api.handleRequest(delete((String) created.get("silenceId")), null);
        assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(200);
        assertThat(listSilences()).isEmpty();
        APIGatewayProxyResponseEvent again = api.handleRequest(delete((String) created.get("silenceId")), null);
        assertThat(again.getStatusCode()).isEqualTo(404);
    }

    @Test
    void shouldRejectBadSilencesNamingTheField_andWriteNothing() {
        assertRejected(silence("{\"service\":\"orders-db\"}", "2026-11-25T05:00:00Z", ""), "endsAt");
        assertRejected("{\"matcher\":{\"service\":\"orders-db\"},\"startsAt\":\"2026-11-25T09:00:00Z\","
                + "\"endsAt\":\"2026-11-25T08:00:00Z\",\"comment\":\"x\"}", "endsAt");
        assertRejected(silence("{\"service\":\"orders-db\"}", "2026-12-25T06:00:00Z", ""), "endsAt");
        assertRejected(silence("{}", "2026-11-25T08:00:00Z", ""), "matcher");
        assertRejected(silence("{\"severity\":\"urgent\"}", "2026-11-25T08:00:00Z", ""), "matcher.severity");
        assertRejected(silence("{\"service\":\"orders-db\"}", "2026-11-25T08:00:00Z", ", \"runPlaybooks\": \"yes\""),
                "runPlaybooks");
        assertRejected("{\"matcher\":{\"service\":\"orders-db\"},\"endsAt\":\"2026-11-25T08:00:00Z\"}", "comment");
        assertRejected("{\"matcher\":{\"service\":\"orders-db\"},\"endsAt\":\"tomorrow\",\"comment\":\"x\"}", "endsAt");
        assertThat(dynalite.itemCount(table)).isZero();

        assertThat(createSilence(silence("{\"matchAll\":true}", "2026-11-25T08:00:00Z", "")).get("matcher"))
                .isEqualTo(Map.of("matchAll", true));
    }

    @Test
    void shouldRecordAMatchingAlertButAnnounceItSilenced_andLeaveOtherAlertsAlone() {
        String silenceId = (String) createSilence(silence("{\"service\":\"orders-db\",\"labels\":{\"env\":\"prod\"}}",
                "2026-11-25T08:00:00Z", "")).get("silenceId");
        clock.advance(CACHE);

        APIGatewayProxyResponseEvent accepted = ingest.handleRequest(AlertRequests.alert(DB_ALERT, clock.instant()), null);
        assertThat(Json.read(accepted.getBody())).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("silencedBy", silenceId).containsEntry("deduplicated", false);
        Map<String, AttributeValue> silenced = deliver(DB_ALERT);
        Map<String, AttributeValue> paging = deliver(PAYMENTS_ALERT);

        assertThat(silenced.get("silenceId").s()).isEqualTo(silenceId);
        assertThat(silenced.get("silencedUntil").s()).isEqualTo("2026-11-25T08:00:00.000Z");
        assertThat(paging).doesNotContainKey("silenceId");
        regionA.publish(StreamRecords.insert(silenced), StreamRecords.insert(paging));

        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened", "Incident Opened");
        assertThat(regionA.bus.details().get(0)).containsEntry("silence",
                Map.of("silenceId", silenceId, "until", "2026-11-25T08:00:00.000Z", "playbooks", false));
        assertThat(regionA.bus.details().get(1)).doesNotContainKey("silence");
        Map<String, Object> entry = timeline(silenced).get(0);
        assertThat(entry).containsEntry("type", "opened").containsEntry("silencedBy", silenceId);
        Map<String, Object> shown = ok(api.handleRequest(get(silenced.get("incidentId").s()), null));
        assertThat(shown).extracting(answer -> ((Map<?, ?>) answer.get("incident")).get("occurrences")).isEqualTo(2);
    }

    @Test
    void shouldAnnounceUnsilencedOnce_whenTheSilenceEndsAndBothRegionsSweep() throws Exception {
        createSilence(silence("{\"service\":\"orders-db\"}", "2026-11-25T07:00:00Z", ""));
        clock.advance(CACHE);
        Map<String, AttributeValue> opened = deliver(DB_ALERT);
        regionA.publish(StreamRecords.insert(opened));
        opened = head(opened);

        clock.advance(Duration.ofMinutes(30));
        assertThat(regionA.sweeper.sweep().unsilenced()).as("before the end").isZero();
        at("2026-11-25T07:00:30Z");
        DueWorkSweeper.Sweep first = regionB.sweeper.sweep();
        DueWorkSweeper.Sweep second = regionA.sweeper.sweep();
        assertThat(first.unsilenced() + second.unsilenced()).isEqualTo(1);

        Map<String, AttributeValue> unsilenced = head(opened);
        assertThat(unsilenced).doesNotContainKeys("silenceId", "silencedUntil");
        assertThat(unsilenced.get(Announcement.UNSILENCED.attribute()).s()).isEqualTo(Announcement.PENDING);
        assertThat(unsilenced.get("writtenRegion").s()).isEqualTo("eu-west-1");
        // Both regions' publishers see the change on their stream; only the writer's announces it.
        regionA.publish(StreamRecords.modify(opened, unsilenced));
        regionB.publish(StreamRecords.modify(opened, unsilenced));

        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened");
        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Unsilenced");
        assertThat(regionB.bus.details().get(0)).doesNotContainKey("silence").containsEntry("status", "OPEN");
        assertThat(timeline(opened)).extracting(e -> e.get("type")).containsExactly("opened", "unsilenced");
        clock.advance(Duration.ofHours(1));
        assertThat(regionA.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(0, 0, 0, 0, 0));
        assertThat(regionB.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(0, 0, 0, 0, 0));
    }

    @Test
    void shouldAnnounceCoveredIncidentsAtTheNextSweep_whenTheSilenceIsDeletedEarly() {
        String silenceId = (String) createSilence(silence("{\"service\":\"orders-db\"}", "2026-11-25T10:00:00Z", ""))
                .get("silenceId");
        clock.advance(CACHE);
        Map<String, AttributeValue> opened = deliver(DB_ALERT);
        regionA.publish(StreamRecords.insert(opened));
        opened = head(opened);
        clock.advance(Duration.ofMinutes(5));
        assertThat(regionA.sweeper.sweep().unsilenced()).isZero();

        assertThat(api.handleRequest(delete(silenceId), null).getStatusCode()).isEqualTo(200);
        assertThat(regionA.sweeper.sweep().unsilenced()).isEqualTo(1);

        Map<String, AttributeValue> unsilenced = head(opened);
        assertThat(unsilenced.get("changedBy").s()).isEqualTo("silence:" + silenceId);
        regionA.publish(StreamRecords.modify(opened, unsilenced));
        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened", "Incident Unsilenced");
    }

    @Test
    void shouldFireThePostponedEscalationLevel_whenTheSilenceIsDeletedBeforeItsEnd() {
        // EscalationTest's critical policy: the library's template tests route the level it fires.
        Region escalating = new Region(Dynalite.REGION, EscalationPolicies.parse("[{\"name\":\"critical\","
                + "\"match\":{\"severity\":[\"critical\"]},\"levels\":[{\"afterSeconds\":300,"
                + "\"targets\":[\"urgent\",\"chat\"]},{\"afterSeconds\":600,\"targets\":[\"managers\"]}],"
                + "\"repeatEverySeconds\":1800}]"));
        String silenceId = (String) createSilence(silence("{\"service\":\"orders-db\"}", "2026-11-25T10:00:00Z", ""))
                .get("silenceId");
        clock.advance(CACHE);
        Map<String, AttributeValue> opened = deliver("{\"title\":\"Disk full on db-1\",\"severity\":\"critical\","
                + "\"service\":\"orders-db\"}");
        escalating.publish(StreamRecords.insert(opened));
        opened = head(opened);
        Map<String, AttributeValue> escalationKey = ItemKeys.escalation(opened.get("incidentId").s());

        at("2026-11-25T06:06:00Z");
        assertThat(escalating.sweeper.sweep().escalated()).as("due at 06:05:10, silenced").isZero();
        assertThat(dynalite.item(table, escalationKey).get(DueWork.AT).s()).isEqualTo("2026-11-25T10:00:00.000Z");

        assertThat(api.handleRequest(delete(silenceId), null).getStatusCode()).isEqualTo(200);
        at("2026-11-25T06:07:00Z");
        assertThat(escalating.sweeper.sweep().unsilenced()).isEqualTo(1);
        assertThat(dynalite.item(table, escalationKey).get(DueWork.AT).s()).as("released, not left to 10:00")
                .isEqualTo("2026-11-25T06:07:00.000Z");
        escalating.publish(StreamRecords.modify(opened, head(opened)));
        at("2026-11-25T06:08:00Z");
        assertThat(escalating.sweeper.sweep().escalated()).isEqualTo(1);

        assertThat(escalating.bus.detailTypes()).containsExactly("Incident Opened", "Incident Unsilenced",
                "Incident Escalated");
        assertThat(escalating.bus.details().get(2)).doesNotContainKey("silence");
    }

    @Test
    void shouldAnnounceNothingAtTheEnd_whenTheIncidentWasResolvedDuringTheSilence() {
        createSilence(silence("{\"service\":\"orders-db\"}", "2026-11-25T07:00:00Z", ""));
        clock.advance(CACHE);
        Map<String, AttributeValue> opened = deliver(DB_ALERT);
        regionA.publish(StreamRecords.insert(opened));
        opened = head(opened);
        new IncidentLifecycle(dynalite.client(), table, Dynalite.REGION,
                new IncidentQueries(dynalite.client(), table, IndexNames.DEFAULT))
                .apply(opened.get("incidentId").s(), Transition.RESOLVE, ALICE, null, clock.instant());
        Map<String, AttributeValue> resolved = head(opened);
        regionA.publish(StreamRecords.modify(opened, resolved));
        assertThat(regionA.bus.details().get(1)).as("the resolution is silenced too").containsKey("silence");
        resolved = head(opened);

        at("2026-11-25T07:01:00Z");
        DueWorkSweeper.Sweep sweep = regionA.sweeper.sweep();

        assertThat(sweep.due()).isEqualTo(1);
        assertThat(sweep.unsilenced()).isZero();
        assertThat(head(opened)).isEqualTo(resolved);
        assertThat(regionA.sweeper.sweep().due()).isZero();
    }

    @Test
    void shouldNotSilenceAnIncidentThatWasAlreadyOpen_whenASilenceStartsLater() {
        Map<String, AttributeValue> opened = deliver(DB_ALERT);
        createSilence(silence("{\"service\":\"orders-db\"}", "2026-11-25T07:00:00Z", ""));
        clock.advance(CACHE);

        deliver("{\"title\":\"Disk full on db-1\",\"severity\":\"critical\",\"service\":\"orders-db\","
                + "\"labels\":{\"env\":\"prod\"}}");

        assertThat(head(opened)).doesNotContainKey("silenceId");
        assertThat(head(opened).get("severity").s()).isEqualTo("critical");
    }

    @Test
    void shouldLetPlaybooksSeeTheIncident_whenTheSilenceSaysTheyRun() {
        String silenceId = (String) createSilence(silence("{\"service\":\"payments\"}", "2026-11-25T08:00:00Z",
                ", \"runPlaybooks\": true")).get("silenceId");
        clock.advance(CACHE);

        Map<String, AttributeValue> opened = deliver(PAYMENTS_ALERT);
        regionA.publish(StreamRecords.insert(opened));

        assertThat(regionA.bus.details().get(0)).containsEntry("silence",
                Map.of("silenceId", silenceId, "until", "2026-11-25T08:00:00.000Z", "playbooks", true));
    }

    @Test
    void shouldSilenceWithAPlannedWindow_asTheDeploymentWritesIt_andRefuseToDeleteItThroughTheApi() {
        // The item PlannedSilences writes (its DynamoDB JSON, as the custom resource's PutItem sends it).
        Map<String, AttributeValue> matcher = Map.of("service", AttributeValue.fromS("orders-db"),
                "severity", AttributeValue.fromL(List.of(AttributeValue.fromS("high"))),
                "matchAll", AttributeValue.fromBool(false));
        Map<String, AttributeValue> window = Map.of("matcher", AttributeValue.fromM(matcher),
                "startsAt", AttributeValue.fromS("2026-11-25T05:00:00Z"), "endsAt", AttributeValue.fromS("2026-11-25T09:00:00Z"),
                "comment", AttributeValue.fromS("CHG-1234"), "createdBy", AttributeValue.fromS("cdk.json"),
                "createdAt", AttributeValue.fromS("2026-11-25T05:00:00Z"), "runPlaybooks", AttributeValue.fromBool(false));
        dynalite.client().putItem(b -> b.tableName(table).item(Map.of(ItemKeys.PK, AttributeValue.fromS("SILENCES"),
                ItemKeys.SK, AttributeValue.fromS("PLANNED"), "planned:db-migration", AttributeValue.fromM(window))));

        Map<String, AttributeValue> opened = deliver(DB_ALERT);

        assertThat(opened.get("silenceId").s()).isEqualTo("planned:db-migration");
        assertThat(listSilences()).singleElement().satisfies(listed -> assertThat(listed)
                .containsEntry("origin", "cdk.json").containsEntry("createdBy", "cdk.json"));
        APIGatewayProxyResponseEvent refused = api.handleRequest(delete("planned:db-migration"), null);
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getBody()).contains("cdk.json");
    }

    private void at(String time) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(time)));
    }

    private void assertRejected(String body, String field) {
        APIGatewayProxyResponseEvent response = api.handleRequest(post(body), null);
        assertThat(response.getStatusCode()).as(body).isEqualTo(400);
        Map<?, ?> error = (Map<?, ?>) Json.read(response.getBody());
        assertThat(error.get("error")).isEqualTo("invalid_field");
        assertThat((String) error.get("message")).as(body).startsWith(field + ": ");
    }

    private static String silence(String matcher, String endsAt, String more) {
        return "{\"matcher\":" + matcher + ",\"endsAt\":\"" + endsAt + "\",\"comment\":\"CHG-1234 database migration\""
                + more + "}";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> createSilence(String body) {
        APIGatewayProxyResponseEvent response = api.handleRequest(post(body), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return (Map<String, Object>) ((Map<String, Object>) Json.read(response.getBody())).get("silence");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listSilences() {
        return (List<Map<String, Object>>) ok(api.handleRequest(request("GET", "/silences"), null)).get("silences");
    }

    private Map<String, AttributeValue> deliver(String body) {
        APIGatewayProxyResponseEvent response = ingest.handleRequest(AlertRequests.alert(body, clock.instant()), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        String incidentId = (String) ((Map<?, ?>) Json.read(response.getBody())).get("incidentId");
        return dynalite.currentIncidents(table).stream().filter(i -> i.incidentId().equals(incidentId)).findFirst()
                .map(i -> dynalite.item(table, ItemKeys.incident(i.fingerprint()))).orElseThrow();
    }

    private Map<String, AttributeValue> head(Map<String, AttributeValue> incident) {
        return dynalite.item(table, Map.of(ItemKeys.PK, incident.get(ItemKeys.PK), ItemKeys.SK, incident.get(ItemKeys.SK)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> timeline(Map<String, AttributeValue> incident) {
        return (List<Map<String, Object>>) ok(api.handleRequest(get(incident.get("incidentId").s()), null)).get("timeline");
    }

    private static Map<String, Object> ok(APIGatewayProxyResponseEvent response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(response.getBody());
        return body;
    }

    private static APIGatewayProxyRequestEvent request(String method, String resource) {
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setUserArn(ALICE);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setIdentity(identity);
        return new APIGatewayProxyRequestEvent().withHttpMethod(method).withResource(resource).withRequestContext(context);
    }

    private static APIGatewayProxyRequestEvent post(String body) {
        return request("POST", "/silences").withBody(body).withHeaders(Map.of("Content-Type", "application/json"));
    }

    private static APIGatewayProxyRequestEvent delete(String silenceId) {
        return request("DELETE", "/silences/{silenceId}").withPathParameters(Map.of("silenceId", silenceId));
    }

    private static APIGatewayProxyRequestEvent get(String incidentId) {
        return request("GET", "/incidents/{incidentId}").withPathParameters(Map.of("incidentId", incidentId));
    }

    /** A region: its publisher and sweeper on its own bus stub, with escalation policies or none. */
    private final class Region {
        final EventBridgeStub bus = new EventBridgeStub();
        final StreamPublisher publisher;
        final DueWorkSweeper sweeper;

        Region(String name) {
            this(name, EscalationPolicies.none());
        }

        Region(String name, EscalationPolicies policies) {
            EventBridgeClient eventBridge = EventBridgeClient.builder()
                    .endpointOverride(bus.endpoint())
                    .region(software.amazon.awssdk.regions.Region.of(name))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            closeables.add(eventBridge);
            closeables.add(bus);
            publisher = new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table, policies);
            sweeper = new DueWorkSweeper(eventBridge, "incident-bus", dynalite.client(), table, IndexNames.DUE_WORK,
                    Duration.ofSeconds(60), clock, policies, true);
        }

        void publish(DynamodbStreamRecord... records) {
            assertThat(publisher.handleRequest(StreamRecords.event(List.of(records)), null).getBatchItemFailures()).isEmpty();
        }
    }
}
