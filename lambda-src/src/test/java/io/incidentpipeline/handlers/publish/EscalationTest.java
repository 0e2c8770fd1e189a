package io.incidentpipeline.handlers.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.escalation.EscalationPolicies;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.store.DueWork;
import io.incidentpipeline.handlers.store.IncidentLifecycle;
import io.incidentpipeline.handlers.store.IncidentQueries;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.ItemKeys;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Escalation levels against dynalite, with two "regions" (a publisher and a sweeper each, on their
 * own bus stub, with their own region name) sharing one table as a global table's replicas would.
 * Region A (us-east-1) accepts the alerts.
 */
@ExtendWith(DynaliteExtension.class)
class EscalationTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final Duration TAKEOVER_AFTER = Duration.ofSeconds(60);
    /** critical: 5 min → urgent, 10 more → managers, then every 30 min; high on checkout: 5 min → routine. */
    private static final String POLICIES = "[{\"name\":\"critical\",\"match\":{\"severity\":[\"critical\"]},"
            + "\"levels\":[{\"afterSeconds\":300,\"targets\":[\"urgent\",\"chat\"]},"
            + "{\"afterSeconds\":600,\"targets\":[\"managers\"]}],\"repeatEverySeconds\":1800},"
            + "{\"name\":\"checkout-high\",\"match\":{\"severity\":[\"high\"],\"service\":[\"checkout\"]},"
            + "\"levels\":[{\"afterSeconds\":300,\"targets\":[\"routine\"]}]}]";
    private static final String CRITICAL = "{\"title\":\"Checkout down\",\"severity\":\"critical\",\"service\":\"checkout\"}";
    private static final String HIGH = "{\"title\":\"Checkout slow\",\"severity\":\"high\",\"service\":\"checkout\","
            + "\"dedupKey\":\"checkout-latency\"}";
    private static final String HIGH_NOW_CRITICAL = "{\"title\":\"Checkout stalled\",\"severity\":\"critical\","
            + "\"service\":\"checkout\",\"dedupKey\":\"checkout-latency\"}";

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(NOW);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Region regionA;
    private Region regionB;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
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
    void shouldFireEachLevelOnceWhenItFallsDue_whenNobodyAcknowledges() {
        Map<String, AttributeValue> opened = openAndPublish(CRITICAL);
        assertThat(escalation(opened).get(DueWork.AT).s()).isEqualTo("2026-11-25T06:05:00.000Z");

        at("06:04:59");
        assertThat(regionA.sweeper.sweep().escalated()).isZero();
        at("06:05:40");
        assertThat(regionA.sweeper.sweep().escalated()).isEqualTo(1);
        at("06:06:40");
        assertThat(regionA.sweeper.sweep().due()).as("level 2 is not due yet").isZero();
        at("06:15:20");
        assertThat(regionA.sweeper.sweep().escalated()).isEqualTo(1);

        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened", "Incident Escalated", "Incident Escalated");
        assertThat(regionA.bus.events().get(1)).containsEntry("time", "2026-11-25T06:05:40Z");
        Map<String, Object> first = detail(regionA.bus, 1);
        assertThat(first).containsEntry("incidentId", opened.get("incidentId").s()).containsEntry("status", "OPEN")
                .containsEntry("severity", "critical").doesNotContainKey("previousSeverity");
        assertThat(first.get("escalation")).isEqualTo(Map.of("policy", "critical", "level", 1, "levels", 2, "repeat", 0,
                "reason", "unacknowledged", "targets", List.of("urgent", "chat"), "since", "2026-11-25T06:00:00.000Z"));
        assertThat(escalationOf(regionA.bus, 2)).containsEntry("level", 2).containsEntry("targets", List.of("managers"));
        assertThat(timeline(opened)).extracting(e -> e.get("type").s() + "/" + (e.get("level") == null ? "-" : e.get("level").n()))
                .containsExactly("opened/-", "escalated/1", "escalated/2");
        Map<String, AttributeValue> entry = timeline(opened).get(1);
        assertThat(entry.get("reason").s()).isEqualTo("unacknowledged");
        assertThat(entry.get("at").s()).isEqualTo("2026-11-25T06:05:40.000Z");
        assertThat(entry.get("writtenRegion").s()).isEqualTo(Dynalite.REGION);
        // Level 2 was due 10 minutes after level 1 was due, not after it fired: no drift.
        assertThat(escalation(opened).get(DueWork.AT).s()).as("repeats every 30 min")
                .isEqualTo("2026-11-25T06:45:00.000Z");
    }

    @Test
    void shouldRepeatTheLastLevel_untilSomeoneAcknowledges() {
        Map<String, AttributeValue> opened = openAndPublish(CRITICAL);
        for (String time : List.of("06:05:01", "06:15:01", "06:45:01", "07:15:01")) {
            at(time);
            assertThat(regionA.sweeper.sweep().escalated()).as(time).isEqualTo(1);
        }
        assertThat(escalationOf(regionA.bus, 3)).containsEntry("level", 2).containsEntry("repeat", 1);
        assertThat(escalationOf(regionA.bus, 4)).containsEntry("level", 2).containsEntry("repeat", 2);

        acknowledge(regionA, opened);
        at("07:45:01");
        assertThat(regionA.sweeper.sweep().escalated()).isZero();
        assertThat(escalation(opened).get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);
        at("09:00:00");
        assertThat(regionA.sweeper.sweep().escalated()).isZero();
        assertThat(regionA.bus.detailTypes()).filteredOn("Incident Escalated"::equals).hasSize(4);
    }

    @Test
    void shouldStop_whenTheIncidentIsAcknowledgedOrResolvedBeforeTheLevel() {
        Map<String, AttributeValue> acknowledged = openAndPublish(CRITICAL);
        at("06:03:00");
        acknowledge(regionB, acknowledged);
        Map<String, AttributeValue> resolved = openAndPublish(HIGH);
        at("06:04:00");
        lifecycle(regionA).apply(resolved.get("incidentId").s(), Transition.RESOLVE, "arn:aws:iam::123456789012:user/bob",
                null, clock.instant());

        at("06:10:00");
        // The two transitions were never published here: the sweep announces them too.
        assertThat(regionA.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(4, 2, 0, 0, 0));
        assertThat(regionA.bus.detailTypes()).doesNotContain("Incident Escalated");
        assertThat(escalation(acknowledged).get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);
        assertThat(escalation(resolved).get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);
    }

    @Test
    void shouldFireEachLevelOnce_whenBothRegionsSweepTheSameTableAtOnce() throws Exception {
        List<Map<String, AttributeValue>> incidents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            incidents.add(openAndPublish("{\"title\":\"Checkout down " + i + "\",\"severity\":\"critical\"}"));
        }
        // Each region's sweeps at once, at every minute for an hour and a half: past the takeover bound too.
        for (int minute = 1; minute <= 90; minute++) {
            clock.advance(Duration.ofMinutes(1));
            race(() -> regionA.sweeper.sweep(), () -> regionB.sweeper.sweep());
        }

        List<String> fired = new ArrayList<>();
        for (EventBridgeStub bus : List.of(regionA.bus, regionB.bus)) {
            for (Map<String, Object> event : bus.events()) {
                if (event.get("detail-type").equals("Incident Escalated")) {
                    Map<?, ?> detail = (Map<?, ?>) event.get("detail");
                    Map<?, ?> escalation = (Map<?, ?>) detail.get("escalation");
                    fired.add(detail.get("title") + " L" + escalation.get("level") + "#" + escalation.get("repeat"));
                }
            }
        }
        // Levels at 5 and 15 minutes, repeats at 45 and 75: four per incident, none twice.
        assertThat(fired).hasSize(24).doesNotHaveDuplicates();
        assertThat(regionB.bus.detailTypes()).as("the region that started them fires them").isEmpty();
    }

    @Test
    void shouldFireFromTheOtherRegionOnceTheTakeoverBoundPassed_whenTheRegionThatStartedItIsLost() {
        Map<String, AttributeValue> opened = openAndPublish(CRITICAL);
        // Region A is lost from now on: only B sweeps.
        at("06:05:30");
        assertThat(regionB.sweeper.sweep().escalated()).as("A may still fire it").isZero();
        at("06:06:01");
        assertThat(regionB.sweeper.sweep().escalated()).isEqualTo(1);
        at("06:15:10");
        assertThat(regionB.sweeper.sweep().escalated()).as("B fired the last level: the next is B's, on time").isEqualTo(1);

        assertThat(escalationOf(regionB.bus, 0)).containsEntry("level", 1);
        assertThat(escalationOf(regionB.bus, 1)).containsEntry("level", 2);
        assertThat(escalation(opened).get("ownerRegion").s()).isEqualTo("eu-west-1");

        // A comes back and sweeps: nothing is fired twice.
        at("06:16:00");
        assertThat(regionA.sweeper.sweep().escalated()).isZero();
        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened");
    }

    @Test
    void shouldStartTheEscalation_whenAnotherRegionTookTheOpeningOver() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        at("06:01:01");
        assertThat(regionB.sweeper.sweep().announced()).isEqualTo(1);
        assertThat(escalation(opened).get("ownerRegion").s()).isEqualTo("eu-west-1");

        at("06:05:01");
        assertThat(regionB.sweeper.sweep().escalated()).isEqualTo(1);
        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Opened", "Incident Escalated");
    }

    @Test
    void shouldRestartAtTheLevelTheNewSeverityCallsFor_whenTheSeverityRises() {
        Map<String, AttributeValue> high = openAndPublish(HIGH);
        at("06:05:10");
        assertThat(regionA.sweeper.sweep().escalated()).isEqualTo(1);
        assertThat(escalationOf(regionA.bus, 1)).containsEntry("policy", "checkout-high").containsEntry("level", 1);
        assertThat(escalation(high).get(DueWork.AT).s()).as("checkout-high has one level").isEqualTo(DueWork.NOTHING);

        at("06:07:00");
        Map<String, AttributeValue> critical = deliver(HIGH_NOW_CRITICAL);
        assertThat(regionA.publish(StreamRecords.modify(high, critical)).getBatchItemFailures()).isEmpty();
        assertThat(regionA.bus.detailTypes()).last().isEqualTo("Incident Escalated");
        assertThat(detail(regionA.bus, 2)).containsEntry("previousSeverity", "high").doesNotContainKey("escalation");
        assertThat(escalation(high).get("policy").s()).isEqualTo("critical");
        assertThat(escalation(high).get(DueWork.AT).s()).isEqualTo("2026-11-25T06:12:00.000Z");

        at("06:12:30");
        assertThat(regionA.sweeper.sweep().escalated()).isEqualTo(1);
        assertThat(escalationOf(regionA.bus, 3)).containsEntry("policy", "critical").containsEntry("level", 1)
                .containsEntry("since", "2026-11-25T06:07:00.000Z");
        assertThat(detail(regionA.bus, 3)).containsEntry("severity", "critical");

        // The same severity escalation redelivered restarts nothing.
        assertThat(regionA.publish(StreamRecords.modify(high, critical)).getBatchItemFailures()).isEmpty();
        assertThat(escalation(high).get("level").n()).isEqualTo("1");
    }

    @Test
    void shouldPostponeALevelToTheSilencesEnd_whenTheIncidentIsSilenced() {
        Map<String, AttributeValue> opened = openAndPublish(CRITICAL);
        at("06:01:00");
        // As a silence sets it on the incident (docs/CONTRACTS.md, Silences).
        dynalite.client().updateItem(b -> b.tableName(table).key(key(opened))
                .updateExpression("SET silencedUntil = :until, silenceId = :id, silencePlaybooks = :playbooks")
                .expressionAttributeValues(Map.of(":until", AttributeValue.fromS("2026-11-25T06:20:00.000Z"),
                        ":id", AttributeValue.fromS("sil_01JE4Z5Q8N3V7W2X6Y9T0R1S2P"),
                        ":playbooks", AttributeValue.fromBool(false))));

        at("06:05:10");
        assertThat(regionA.sweeper.sweep().escalated()).isZero();
        assertThat(escalation(opened).get(DueWork.AT).s()).isEqualTo("2026-11-25T06:20:00.000Z");
        at("06:19:59");
        assertThat(regionA.sweeper.sweep().due()).isZero();
        at("06:20:30");
        assertThat(regionA.sweeper.sweep().escalated()).isEqualTo(1);
        assertThat(escalationOf(regionA.bus, 1)).containsEntry("level", 1);
        // Fired before the sweep's UNSILENCE work removed the ended silence from the incident.
        assertThat(detail(regionA.bus, 1)).as("the level's targets' routes skip silenced events")
                .doesNotContainKey("silence");
        assertThat(escalation(opened).get(DueWork.AT).s()).as("the next level counts from the postponed one")
                .isEqualTo("2026-11-25T06:30:00.000Z");
    }

    @Test
    void shouldFireTheClaimedLevelOnItsNextSweep_whenTheBusRejectedIt() {
        Map<String, AttributeValue> opened = openAndPublish(CRITICAL);
        at("06:05:10");
        regionA.bus.rejectCalls(true);
        assertThat(regionA.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(1, 0, 0, 0, 1));
        assertThat(escalation(opened).get("firing").s()).isEqualTo("sweep@us-east-1");
        at("06:06:20");
        assertThat(regionB.sweeper.sweep().escalated()).as("claimed by A, within its lease").isZero();

        regionA.bus.rejectCalls(false);
        at("06:06:30");
        assertThat(regionA.sweeper.sweep().escalated()).isEqualTo(1);
        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened", "Incident Escalated");
        assertThat(regionA.bus.events().get(1)).as("the claim's time").containsEntry("time", "2026-11-25T06:05:10Z");
        assertThat(timeline(opened)).hasSize(2);
        assertThat(escalation(opened).get(DueWork.AT).s()).isEqualTo("2026-11-25T06:15:00.000Z");
        assertThat(escalation(opened)).doesNotContainKey("firing");
    }

    @Test
    void shouldWriteNoEscalation_whenNoPolicyTakesTheIncident() {
        Map<String, AttributeValue> opened = openAndPublish("{\"title\":\"Disk 80%\",\"severity\":\"medium\"}");
        assertThat(dynalite.item(table, ItemKeys.escalation(opened.get("incidentId").s()))).isEmpty();
        at("08:00:00");
        assertThat(regionA.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(0, 0, 0, 0, 0));
    }

    @Test
    void shouldNameTheProblem_whenThePoliciesAreMalformed() {
        assertThatThrownBy(() -> EscalationPolicies.parse("[{\"name\":\"p\",\"levels\":[]}]"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ESCALATION_POLICIES")
                .hasMessageContaining("policy p has no levels");
        assertThatThrownBy(() -> EscalationPolicies.parse("[{\"name\":\"p\",\"match\":{\"team\":[\"x\"]},"
                + "\"levels\":[{\"afterSeconds\":60,\"targets\":[\"t\"]}]}]"))
                .hasMessageContaining("matches on 'team'");
        assertThatThrownBy(() -> EscalationPolicies.parse("[{\"name\":\"p\",\"levels\":[{\"afterSeconds\":-1,"
                + "\"targets\":[\"t\"]}]}]")).hasMessageContaining("afterSeconds of policy p");
        assertThat(EscalationPolicies.parse(" ").isEmpty()).isTrue();
    }

    /** A region: its publisher and sweeper, each on its own bus stub in that region, with the policies. */
    private final class Region {
        final EventBridgeStub bus = new EventBridgeStub();
        final String name;
        final StreamPublisher publisher;
        final DueWorkSweeper sweeper;

        Region(String name) {
            this.name = name;
            EventBridgeClient eventBridge = EventBridgeClient.builder()
                    .endpointOverride(bus.endpoint())
                    .region(software.amazon.awssdk.regions.Region.of(name))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            closeables.add(eventBridge);
            closeables.add(bus);
            EscalationPolicies policies = EscalationPolicies.parse(POLICIES);
            publisher = new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table, policies);
            sweeper = new DueWorkSweeper(eventBridge, "incident-bus", dynalite.client(), table, IndexNames.DUE_WORK,
                    TAKEOVER_AFTER, clock, policies, true);
        }

        com.amazonaws.services.lambda.runtime.events.StreamsEventResponse publish(
                com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord... records) {
            return publisher.handleRequest(StreamRecords.event(List.of(records)), null);
        }
    }

    private void at(String time) {
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-11-25T" + time + "Z")));
    }

    private Map<String, AttributeValue> openAndPublish(String body) {
        Map<String, AttributeValue> opened = deliver(body);
        assertThat(regionA.publish(StreamRecords.insert(opened)).getBatchItemFailures()).isEmpty();
        return opened;
    }

    /** Posts an alert to region A's ingest and reads back the head item it wrote. */
    private Map<String, AttributeValue> deliver(String body) {
        IngestHandler ingest = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET,
                clock);
        var response = ingest.handleRequest(AlertRequests.alert(body, clock.instant()), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        String incidentId = (String) ((Map<?, ?>) Json.read(response.getBody())).get("incidentId");
        return dynalite.client().scan(b -> b.tableName(table)
                        .filterExpression("incidentId = :id AND sk = :incident")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(incidentId),
                                ":incident", AttributeValue.fromS(ItemKeys.INCIDENT_SK))))
                .items().stream().filter(item -> item.get("pk").s().startsWith(ItemKeys.FINGERPRINT_PREFIX))
                .findFirst().orElseThrow();
    }

    private IncidentLifecycle lifecycle(Region region) {
        return new IncidentLifecycle(dynalite.client(), table, region.name,
                new IncidentQueries(dynalite.client(), table, IndexNames.DEFAULT));
    }

    private void acknowledge(Region region, Map<String, AttributeValue> incident) {
        assertThat(lifecycle(region).apply(incident.get("incidentId").s(), Transition.ACKNOWLEDGE,
                "arn:aws:iam::123456789012:user/alice", null, clock.instant()).orElseThrow().outcome())
                .isEqualTo(IncidentLifecycle.Outcome.CHANGED);
    }

    private Map<String, AttributeValue> escalation(Map<String, AttributeValue> incident) {
        return dynalite.item(table, ItemKeys.escalation(incident.get("incidentId").s()));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> incident) {
        return Map.of(ItemKeys.PK, incident.get(ItemKeys.PK), ItemKeys.SK, incident.get(ItemKeys.SK));
    }

    private List<Map<String, AttributeValue>> timeline(Map<String, AttributeValue> incident) {
        return dynalite.client().query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :timeline)")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(ItemKeys.INCIDENT_PREFIX + incident.get("incidentId").s()),
                        ":timeline", AttributeValue.fromS(ItemKeys.TIMELINE_PREFIX)))).items();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(EventBridgeStub bus, int index) {
        return (Map<String, Object>) bus.events().get(index).get("detail");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> escalationOf(EventBridgeStub bus, int index) {
        return (Map<String, Object>) detail(bus, index).get("escalation");
    }

    private static void race(java.util.concurrent.Callable<?>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<?> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
