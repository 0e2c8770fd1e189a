package io.incidentpipeline.handlers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.playbook.PlaybookResult;
import io.incidentpipeline.handlers.playbook.PlaybookRuns;
import io.incidentpipeline.handlers.store.Announcement;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Two regions, one table: the global table as dynalite holds it, with each region's publisher and
 * sweeper (its own bus, its own region) working on it. Region A (us-east-1) accepts the alerts;
 * region B (eu-west-1) survives when A is lost.
 */
@ExtendWith(DynaliteExtension.class)
class TakeoverTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String CRITICAL = "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\","
            + "\"service\":\"orders-db\"}";
    private static final String HIGH = "{\"title\":\"Disk full on db-1\",\"severity\":\"high\","
            + "\"service\":\"orders-db\"}";
    private static final String MEDIUM = "{\"title\":\"Disk full on db-1\",\"severity\":\"medium\","
            + "\"service\":\"orders-db\"}";
    private static final String LOW_ON_DB_2 = "{\"title\":\"Disk full on db-2\",\"severity\":\"low\","
            + "\"service\":\"orders-db\"}";

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
    void shouldAnnounceOnceFromTheSurvivingRegion_whenTheWritingRegionNeverPublishes() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);

        clock.advance(BOUND.minusSeconds(1));
        assertThat(regionB.sweeper.sweep().due()).as("within the bound the owner may still publish").isZero();
        clock.advance(Duration.ofSeconds(2));
        DueWorkSweeper.Sweep sweep = regionB.sweeper.sweep();

        assertThat(sweep.announced()).isEqualTo(1);
        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Opened");
        Map<String, Object> envelope = regionB.bus.events().get(0);
        assertThat(envelope).containsEntry("time", "2026-11-25T06:00:00Z");
        assertThat(detail(regionB.bus, 0)).containsEntry("incidentId", opened.get("incidentId").s())
                .containsEntry("status", "OPEN").containsEntry("severity", "critical")
                .containsEntry("region", Dynalite.REGION);
        assertThat(timelineTypes(opened)).containsExactly("opened");
        Map<String, AttributeValue> item = head(opened);
        assertThat(item.get(Announcement.OPENED.attribute()).s()).isEqualTo("sweep@eu-west-1");
        assertThat(item.get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);

        clock.advance(Duration.ofMinutes(5));
        assertThat(regionB.sweeper.sweep().due()).isZero();
        assertThat(regionA.sweeper.sweep().due()).isZero();
        assertThat(regionA.bus.events()).isEmpty();
        assertThat(regionB.bus.events()).hasSize(1);
    }

    @Test
    void shouldNotAnnounceAgain_whenTheLostRegionComesBackAndPublishesItsStream() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        clock.advance(BOUND.plusSeconds(1));
        assertThat(regionB.sweeper.sweep().announced()).isEqualTo(1);

        // Region A is back: its publisher reads the stream records it never delivered.
        assertThat(regionA.publish(StreamRecords.insert(opened)).getBatchItemFailures()).isEmpty();

        assertThat(regionA.bus.events()).isEmpty();
        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Opened");
        assertThat(timelineTypes(opened)).containsExactly("opened");
    }

    @Test
    void shouldAnnounceEachChangeOnce_whenBothRegionsSweepersAndTheOwnersPublisherRace() throws Exception {
        List<Map<String, AttributeValue>> incidents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            incidents.add(deliver("{\"title\":\"Disk full on db-" + i + "\",\"severity\":\"high\"}"));
        }
        clock.advance(BOUND.plusSeconds(1));
        DynamodbStreamRecord[] late = incidents.stream().map(StreamRecords::insert).toArray(DynamodbStreamRecord[]::new);

        race(() -> regionA.sweeper.sweep(), () -> regionB.sweeper.sweep(), () -> regionA.publish(late));

        List<String> titles = new ArrayList<>();
        for (EventBridgeStub bus : List.of(regionA.bus, regionB.bus)) {
            for (int i = 0; i < bus.events().size(); i++) {
                titles.add((String) detail(bus, i).get("title"));
            }
        }
        assertThat(titles).hasSize(8).doesNotHaveDuplicates();
        for (Map<String, AttributeValue> incident : incidents) {
            assertThat(timelineTypes(incident)).containsExactly("opened");
            assertThat(head(incident).get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);
        }
    }

    @Test
    void shouldCauseNoTakeoverWork_whenEveryRegionPublishesItsOwnChanges() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        Map<String, AttributeValue> repeated = deliver(CRITICAL);
        Map<String, AttributeValue> acknowledged = transition(regionA, opened, Transition.ACKNOWLEDGE);
        Map<String, AttributeValue> resolved = transition(regionB, opened, Transition.RESOLVE);
        assertThat(regionA.publish(StreamRecords.insert(opened), StreamRecords.modify(opened, repeated),
                StreamRecords.modify(repeated, acknowledged)).getBatchItemFailures()).isEmpty();
        assertThat(regionB.publish(StreamRecords.modify(acknowledged, resolved)).getBatchItemFailures()).isEmpty();
        // A repeat after the announcements leaves them announced.
        deliverAgainAfterResolution(resolved);

        clock.advance(Duration.ofHours(1));
        assertThat(regionA.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(0, 0, 0, 0, 0));
        assertThat(regionB.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(0, 0, 0, 0, 0));

        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened", "Incident Updated",
                "Incident Acknowledged", "Incident Opened", "Incident Updated");
        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Resolved");
        assertThat(head(opened).get(Announcement.OPENED.attribute()).s()).isEqualTo("stream@us-east-1");
        assertThat(timelineTypes(opened)).containsExactly("opened", "acknowledged", "resolved");
    }

    @Test
    void shouldTakeOverAnOpeningWhoseAcknowledgementWasAnnounced_whenTheRegionThatOpenedItIsLost() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        clock.advance(Duration.ofSeconds(20));
        Map<String, AttributeValue> acknowledged = transition(regionB, opened, Transition.ACKNOWLEDGE);
        assertThat(regionB.publish(StreamRecords.modify(opened, acknowledged)).getBatchItemFailures()).isEmpty();
        assertThat(head(opened).get(DueWork.AT).s()).as("the opening is still unannounced").isNotEqualTo(DueWork.NOTHING);

        clock.advance(BOUND.plusSeconds(1));
        assertThat(regionB.sweeper.sweep().announced()).isEqualTo(1);

        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Acknowledged", "Incident Opened");
        assertThat(regionB.bus.events().get(1)).containsEntry("time", "2026-11-25T06:00:00Z");
        assertThat(detail(regionB.bus, 1)).as("the incident as the opening left it")
                .containsEntry("status", "OPEN").containsEntry("occurrences", 1)
                .containsEntry("updatedAt", "2026-11-25T06:00:00.000Z").doesNotContainKey("acknowledgedAt");
        assertThat(timelineTypes(opened)).containsExactly("opened", "acknowledged");
        assertThat(head(opened).get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);
    }

    @Test
    void shouldTakeOverAPlaybookResultOnce_whenTheRegionThatRanThePlaybookIsLost() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        assertThat(regionA.publish(StreamRecords.insert(opened)).getBatchItemFailures()).isEmpty();
        String incidentId = opened.get("incidentId").s();
        PlaybookRuns runs = new PlaybookRuns(dynalite.client(), table, "example-triage");
        Map<String, AttributeValue> key = ItemKeys.playbookRun(incidentId, "example-triage");
        PlaybookRuns.Claim claim = runs.claim(incidentId, "event-1", "Incident Opened", false, clock.instant(),
                clock.instant().plusSeconds(30));
        assertThat(claim.claimed()).isTrue();
        Map<String, AttributeValue> started = dynalite.item(table, key);
        assertThat(runs.finish(incidentId, claim.attempt(), PlaybookResult.succeeded("triaged", List.of()),
                clock.instant())).isTrue();
        Map<String, AttributeValue> finished = dynalite.item(table, key);

        clock.advance(BOUND.plusSeconds(1));
        assertThat(regionB.sweeper.sweep().announced()).isEqualTo(1);
        assertThat(regionA.publish(StreamRecords.modify(started, finished)).getBatchItemFailures()).isEmpty();

        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened");
        assertThat(regionB.bus.detailTypes()).containsExactly("Playbook Succeeded");
        assertThat(detail(regionB.bus, 0)).containsEntry("incidentId", incidentId)
                .containsEntry("playbook", "example-triage").containsEntry("region", Dynalite.REGION);
    }

    @Test
    void shouldTakeOverTheResolutionFromTheArchivedCopy_whenANewAlertReplacedTheIncidentBeforeItWasAnnounced() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        Map<String, AttributeValue> resolved = transition(regionA, opened, Transition.RESOLVE);
        assertThat(regionA.publish(StreamRecords.insert(opened)).getBatchItemFailures()).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        Map<String, AttributeValue> reopened = deliver(CRITICAL);
        assertThat(reopened.get("incidentId").s()).isNotEqualTo(opened.get("incidentId").s());

        clock.advance(BOUND.plusSeconds(1));
        assertThat(regionB.sweeper.sweep().announced()).as("the resolution (archived) and the new opening").isEqualTo(2);
        assertThat(regionA.publish(StreamRecords.modify(opened, resolved), StreamRecords.modify(resolved, reopened))
                .getBatchItemFailures()).isEmpty();

        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened");
        assertThat(regionB.bus.detailTypes()).containsExactlyInAnyOrder("Incident Resolved", "Incident Opened");
        assertThat(timelineTypes(opened)).containsExactly("opened", "resolved");
    }

    @Test
    void shouldRetryItsOwnClaimAndKeepTheItemDue_whenTheBusRejectsATakenOverEvent() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        clock.advance(BOUND.plusSeconds(1));
        regionB.bus.rejectCalls(true);

        assertThat(regionB.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(1, 0, 0, 0, 1));
        assertThat(head(opened).get(Announcement.OPENED.attribute()).s()).isEqualTo("sweep@eu-west-1");
        assertThat(regionA.sweeper.sweep().announced()).as("claimed by B: left to B").isZero();

        regionB.bus.rejectCalls(false);
        assertThat(regionB.sweeper.sweep().announced()).isEqualTo(1);
        assertThat(regionA.bus.events()).isEmpty();
        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Opened");
        assertThat(head(opened).get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);
    }

    @Test
    void shouldAdoptAnOpeningAnnouncedBeforeClaimsExisted_whenARepeatMarksItPending() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        // As an item written by the previous version: no announcement attributes, no due work.
        dynalite.client().updateItem(b -> b.tableName(table).key(key(opened))
                .updateExpression("REMOVE announceOpened, due, dueAt"));
        Map<String, AttributeValue> legacy = head(opened);
        // A repeat that writes the head: a lower severity (a duplicate of the same one is counted on a tally).
        Map<String, AttributeValue> repeated = deliver(HIGH);
        assertThat(repeated.get(Announcement.OPENED.attribute()).s()).isEqualTo(Announcement.PENDING);

        assertThat(regionA.publish(StreamRecords.modify(legacy, repeated)).getBatchItemFailures()).isEmpty();
        clock.advance(Duration.ofHours(1));

        assertThat(regionB.sweeper.sweep().due()).isZero();
        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Updated");
    }

    @Test
    void shouldMarkNothingPending_whenADuplicateIsCountedOnATally() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        assertThat(regionA.publish(StreamRecords.insert(opened)).getBatchItemFailures()).isEmpty();
        Map<String, AttributeValue> announced = head(opened);
        Map<String, AttributeValue> legacy = deliver(LOW_ON_DB_2);
        dynalite.client().updateItem(b -> b.tableName(table).key(key(legacy))
                .updateExpression("REMOVE announceOpened, due, dueAt"));
        Map<String, AttributeValue> legacyBefore = head(legacy);

        deliver(CRITICAL);
        deliver(LOW_ON_DB_2);

        assertThat(head(opened)).as("an announced opening stays announced").isEqualTo(announced);
        assertThat(head(legacy)).as("an item from before claims gets no mark").isEqualTo(legacyBefore);
        clock.advance(Duration.ofHours(1));
        assertThat(regionB.sweeper.sweep()).isEqualTo(new DueWorkSweeper.Sweep(0, 0, 0, 0, 0));
        assertThat(regionB.bus.events()).isEmpty();
    }

    @Test
    void shouldTakeOverAnEscalationOnce_whenTheRegionThatEscalatedIsLost() {
        Map<String, AttributeValue> opened = deliver(MEDIUM);
        assertThat(regionA.publish(StreamRecords.insert(opened)).getBatchItemFailures()).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        Map<String, AttributeValue> escalated = deliver(CRITICAL);
        assertThat(escalated.get(Announcement.ESCALATED.attribute()).s()).isEqualTo(Announcement.PENDING);
        assertThat(escalated).doesNotContainKey(Announcement.CLAIM_MARK);

        clock.advance(BOUND.plusSeconds(1));
        assertThat(regionB.sweeper.sweep().announced()).isEqualTo(1);

        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Escalated");
        assertThat(regionB.bus.events().get(0)).containsEntry("time", "2026-11-25T06:00:05Z");
        assertThat(detail(regionB.bus, 0)).containsEntry("severity", "critical").containsEntry("previousSeverity", "medium")
                .containsEntry("status", "OPEN").containsEntry("occurrences", 2);
        assertThat(timelineTypes(opened)).containsExactly("opened", "escalated");
        assertThat(head(opened).get(Announcement.ESCALATED.attribute()).s()).isEqualTo("sweep@eu-west-1");
        assertThat(head(opened).get(DueWork.AT).s()).isEqualTo(DueWork.NOTHING);

        // Region A is back: its publisher finds the escalation claimed and puts nothing more.
        assertThat(regionA.publish(StreamRecords.modify(opened, escalated)).getBatchItemFailures()).isEmpty();
        assertThat(regionA.bus.detailTypes()).containsExactly("Incident Opened");
        assertThat(regionB.bus.detailTypes()).containsExactly("Incident Escalated");
        assertThat(timelineTypes(opened)).containsExactly("opened", "escalated");
    }

    /** A region: its publisher and sweeper, each on its own bus stub in that region. */
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
            publisher = new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table);
            sweeper = new DueWorkSweeper(eventBridge, "incident-bus", dynalite.client(), table, IndexNames.DUE_WORK,
                    BOUND, clock);
        }

        com.amazonaws.services.lambda.runtime.events.StreamsEventResponse publish(DynamodbStreamRecord... records) {
            return publisher.handleRequest(StreamRecords.event(List.of(records)), null);
        }
    }

    @SafeVarargs
    private static void race(Callable<?>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (Callable<?> task : tasks) {
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

    private void deliverAgainAfterResolution(Map<String, AttributeValue> resolved) {
        Map<String, AttributeValue> reopened = deliver(CRITICAL);
        assertThat(regionA.publish(StreamRecords.modify(resolved, reopened)).getBatchItemFailures()).isEmpty();
        Map<String, AttributeValue> repeated = deliver(CRITICAL);
        assertThat(regionA.publish(StreamRecords.modify(reopened, repeated)).getBatchItemFailures()).isEmpty();
    }

    private Map<String, AttributeValue> transition(Region region, Map<String, AttributeValue> incident, Transition transition) {
        IncidentLifecycle lifecycle = new IncidentLifecycle(dynalite.client(), table, region.name,
                new IncidentQueries(dynalite.client(), table, IndexNames.DEFAULT));
        clock.advance(Duration.ofSeconds(1));
        assertThat(lifecycle.apply(incident.get("incidentId").s(), transition, "arn:aws:iam::123456789012:user/alice",
                null, clock.instant()).orElseThrow().outcome()).isEqualTo(IncidentLifecycle.Outcome.CHANGED);
        return head(incident);
    }

    private Map<String, AttributeValue> head(Map<String, AttributeValue> incident) {
        return dynalite.item(table, key(incident));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> incident) {
        return Map.of(ItemKeys.PK, incident.get(ItemKeys.PK), ItemKeys.SK, incident.get(ItemKeys.SK));
    }

    private List<String> timelineTypes(Map<String, AttributeValue> incident) {
        return dynalite.client().query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :timeline)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(ItemKeys.INCIDENT_PREFIX + incident.get("incidentId").s()),
                                ":timeline", AttributeValue.fromS(ItemKeys.TIMELINE_PREFIX))))
                .items().stream().map(item -> item.get("type").s()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(EventBridgeStub bus, int index) {
        return (Map<String, Object>) bus.events().get(index).get("detail");
    }
}
