package io.incidentpipeline.handlers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.playbook.PlaybookRuns;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.IncidentTransitions;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import io.incidentpipeline.handlers.testsupport.StreamRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The publisher against items the ingest path really wrote to dynalite, with a real SDK client
 * talking to the PutEvents stub. Every event it accepts lands in target/contract-events.
 */
@ExtendWith(DynaliteExtension.class)
class StreamPublisherTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final String CRITICAL = Fixtures.object("apigw-post-alert.json").get("body").toString();

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(NOW);
    private EventBridgeStub bus;
    private EventBridgeClient eventBridge;
    private StreamPublisher publisher;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        bus = new EventBridgeStub();
        eventBridge = EventBridgeClient.builder()
                .endpointOverride(bus.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        publisher = new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table);
    }

    @AfterEach
    void tearDown() {
        eventBridge.close();
        bus.close();
    }

    @Test
    void shouldPublishEachLifecycleEventInOrder_whenAnIncidentOpensRecursIsAcknowledgedResolvedAndReopens() {
        Lifecycle lifecycle = lifecycle();
        Map<String, AttributeValue> opened = lifecycle.opened();
        String fingerprint = opened.get("fingerprint").s();

        StreamsEventResponse response = publish(lifecycle.records());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.callSizes()).containsExactly(5);
        assertThat(bus.detailTypes()).containsExactly("Incident Opened", "Incident Updated", "Incident Acknowledged",
                "Incident Resolved", "Incident Opened");
        Map<String, Object> first = detail(0);
        assertThat(first).containsOnlyKeys("incidentId", "fingerprint", "source", "severity", "title", "description",
                "service", "category", "status", "occurrences", "openedAt", "lastSeenAt", "updatedAt", "labels",
                "region");
        assertThat(first).containsEntry("incidentId", opened.get("incidentId").s())
                .containsEntry("fingerprint", fingerprint)
                .containsEntry("source", "generic")
                .containsEntry("severity", "critical")
                .containsEntry("title", "Disk full on db-1")
                .containsEntry("service", "orders-db")
                .containsEntry("category", "capacity")
                .containsEntry("status", "OPEN")
                .containsEntry("occurrences", 1)
                .containsEntry("openedAt", "2026-11-25T06:00:00.000Z")
                .containsEntry("labels", Map.of("team", "storage"))
                .containsEntry("region", "us-east-1");
        assertThat(detail(1)).containsEntry("occurrences", 2).containsEntry("lastSeenAt", "2026-11-25T06:00:30.000Z");
        assertThat(detail(2)).containsEntry("status", "ACKNOWLEDGED");
        assertThat(detail(3)).containsEntry("status", "RESOLVED");
        assertThat(detail(4)).containsEntry("status", "OPEN")
                .containsEntry("previousIncidentId", opened.get("incidentId").s())
                .containsEntry("occurrences", 1);
        assertThat(detail(4).get("incidentId")).isNotEqualTo(opened.get("incidentId").s());
        Map<String, Object> envelope = bus.events().get(0);
        assertThat(envelope).containsEntry("source", "incident-pipeline")
                .containsEntry("detail-type", "Incident Opened")
                .containsEntry("time", "2026-11-25T06:00:00Z");
    }

    @Test
    void shouldPublishIncidentEscalated_andRecordTheDeescalationOnTheTimelineOnly_whenTheSeverityChanges() {
        String alert = "{\"title\":\"%s\",\"severity\":\"%s\",\"service\":\"checkout\",\"dedupKey\":\"cpu\"}";
        Map<String, AttributeValue> opened = deliver(alert.formatted("CPU above 80% on checkout", "medium"));
        clock.advance(Duration.ofSeconds(30));
        Map<String, AttributeValue> escalated = deliver(alert.formatted("CPU above 95% on checkout", "critical"));
        clock.advance(Duration.ofSeconds(30));
        Map<String, AttributeValue> deescalated = deliver(alert.formatted("CPU above 80% on checkout", "medium"));
        clock.advance(Duration.ofSeconds(30));
        Map<String, AttributeValue> repeated = deliver(alert.formatted("CPU above 80% on checkout", "medium"));

        StreamsEventResponse response = publish(StreamRecords.insert(opened), StreamRecords.modify(opened, escalated),
                StreamRecords.modify(escalated, deescalated), StreamRecords.modify(deescalated, repeated));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.detailTypes()).containsExactly("Incident Opened", "Incident Escalated", "Incident Updated",
                "Incident Updated");
        assertThat(detail(1)).containsEntry("severity", "critical").containsEntry("previousSeverity", "medium")
                .containsEntry("title", "CPU above 95% on checkout").containsEntry("status", "OPEN")
                // counted when published: the item's count then (2) and the tally's (the repeat after it)
                .containsEntry("occurrences", 3);
        assertThat(detail(2)).containsEntry("severity", "critical").containsEntry("reportedSeverity", "medium");
        assertThat(timeline(opened.get("incidentId").s()))
                .extracting(entry -> entry.get("type"), entry -> entry.get("severity"),
                        entry -> entry.get("previousSeverity"), entry -> entry.get("reportedSeverity"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("opened", null, null, null),
                        org.assertj.core.groups.Tuple.tuple("escalated", "critical", "medium", null),
                        org.assertj.core.groups.Tuple.tuple("deescalation-reported", "critical", null, "medium"));
    }

    @Test
    void shouldWriteATimelineEntryForEveryLifecycleChange_andRewriteTheSameEntries_whenTheBatchIsRedelivered() {
        Lifecycle lifecycle = lifecycle();
        Map<String, AttributeValue> opened = lifecycle.opened();
        Map<String, AttributeValue> reopened = lifecycle.reopened();
        DynamodbStreamRecord[] batch = lifecycle.records();

        assertThat(publish(batch).getBatchItemFailures()).isEmpty();
        assertThat(publish(batch).getBatchItemFailures()).isEmpty();

        List<Map<String, String>> first = timeline(opened.get("incidentId").s());
        assertThat(first).extracting(e -> e.get("type")).containsExactly("opened", "acknowledged", "resolved");
        assertThat(first).extracting(e -> e.get("actor"))
                .containsExactly("alert:generic", IncidentTransitions.OPERATOR, IncidentTransitions.OPERATOR);
        assertThat(first).extracting(e -> e.get("status")).containsExactly("OPEN", "ACKNOWLEDGED", "RESOLVED");
        assertThat(first.get(1)).containsEntry("occurrences", "2").containsEntry("at", "2026-11-25T06:01:00.000Z")
                .containsEntry("writtenRegion", "us-east-1");
        assertThat(timeline(reopened.get("incidentId").s())).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("type", "opened")
                .containsEntry("previousIncidentId", opened.get("incidentId").s()));
    }

    @Test
    void shouldWriteNoTimelineEntryForADuplicate_whilePublishingItsUpdate() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        List<DynamodbStreamRecord> records = new ArrayList<>(List.of(StreamRecords.insert(opened)));
        Map<String, AttributeValue> previous = opened;
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            Map<String, AttributeValue> next = deliver(CRITICAL);
            records.add(StreamRecords.modify(previous, next));
            previous = next;
        }

        assertThat(publish(records.toArray(DynamodbStreamRecord[]::new)).getBatchItemFailures()).isEmpty();

        assertThat(bus.detailTypes()).containsExactly("Incident Opened", "Incident Updated", "Incident Updated",
                "Incident Updated");
        assertThat(timeline(opened.get("incidentId").s())).extracting(e -> e.get("type") + " " + e.get("occurrences"))
                .containsExactly("opened 1");
    }

    @Test
    void shouldReportTheFirstRecordAndPublishNothing_whenTheTimelineCannotBeWritten() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        StreamPublisher cutOff = new StreamPublisher(eventBridge, "incident-bus", Dynalite.unreachableClient(), table);

        DynamodbStreamRecord insert = StreamRecords.insert(opened);

        StreamsEventResponse response = cutOff.handleRequest(StreamRecords.event(List.of(insert)), null);

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly(insert.getDynamodb().getSequenceNumber());
        assertThat(bus.events()).isEmpty();
    }

    @Test
    void shouldPublishALowSeverityOpening_whenALowSeverityAlertArrives() {
        Map<String, AttributeValue> opened = deliver(Fixtures.text("alert-low-severity.json"));

        assertThat(publish(StreamRecords.insert(opened)).getBatchItemFailures()).isEmpty();

        assertThat(bus.detailTypes()).containsExactly("Incident Opened");
        assertThat(detail(0)).containsEntry("severity", "low").containsEntry("category", "certificates")
                .doesNotContainKeys("description", "labels", "previousIncidentId");
    }

    @Test
    void shouldSkipTheRecord_whenAnotherRegionWroteIt() {
        DynamoDbClient ireland = DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        Map<String, AttributeValue> foreign = deliver(new IngestHandler(AlertRequests.config(table), ireland,
                arn -> AlertRequests.SECRET, clock), CRITICAL);
        Map<String, AttributeValue> local = deliver(Fixtures.text("alert-low-severity.json"));

        StreamsEventResponse response = publish(StreamRecords.insert(foreign), StreamRecords.insert(local));

        assertThat(foreign.get("writtenRegion").s()).isEqualTo("eu-west-1");
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.events()).hasSize(1);
        assertThat(detail(0)).containsEntry("severity", "low");
    }

    @Test
    void shouldPublishNothing_whenTheRecordsAreRemovalsOrOtherItems() {
        Map<String, AttributeValue> incident = deliver(CRITICAL);
        new PlaybookRuns(dynalite.client(), table, "example").claim("inc_01M88MM7R0KRYSWZG60SPZEQ0A", "event-1",
                "Incident Opened", false, NOW, NOW.plusSeconds(65));
        Map<String, AttributeValue> run = dynalite.item(table,
                ItemKeys.playbookRun("inc_01M88MM7R0KRYSWZG60SPZEQ0A", "example"));

        StreamsEventResponse response = publish(StreamRecords.remove(incident), StreamRecords.insert(run));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.callSizes()).isEmpty();
    }

    @Test
    void shouldReportOnlyTheFirstFailedRecord_whenPutEventsRejectsSomeEntries() {
        List<DynamodbStreamRecord> records = inserts("Disk full on db-1", "Disk full on db-2", "Disk full on db-3",
                "Disk full on db-4");
        bus.failEntriesWhere(detail -> List.of("Disk full on db-2", "Disk full on db-4").contains(detail.get("title")));

        StreamsEventResponse response = publish(records.toArray(DynamodbStreamRecord[]::new));

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly(records.get(1).getDynamodb().getSequenceNumber());
        assertThat(bus.callSizes()).containsExactly(4);
    }

    @Test
    void shouldReportTheBatchesFirstRecordAndStop_whenAPutEventsCallFails() {
        List<DynamodbStreamRecord> records = inserts("Disk full on db-1", "Disk full on db-2");
        bus.rejectCalls(true);

        StreamsEventResponse response = publish(records.toArray(DynamodbStreamRecord[]::new));

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly(records.get(0).getDynamodb().getSequenceNumber());
        assertThat(bus.events()).isEmpty();
    }

    @Test
    void shouldPublishTheRecordsBeforeItAndReportIt_whenARecordCannotBeRead() {
        List<DynamodbStreamRecord> records = inserts("Disk full on db-1", "Disk full on db-2", "Disk full on db-3");
        Map<String, AttributeValue> broken = new HashMap<>(dynalite.item(table,
                ItemKeys.incident(records.get(1).getDynamodb().getNewImage().get("fingerprint").getS())));
        broken.remove("status");
        records.set(1, StreamRecords.insert(broken));

        StreamsEventResponse response = publish(records.toArray(DynamodbStreamRecord[]::new));

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly(records.get(1).getDynamodb().getSequenceNumber());
        assertThat(publishedTitles()).containsExactly("Disk full on db-1");
    }

    @Test
    void shouldSplitIntoCallsOfAtMostTen_whenMoreThanTenRecordsArrive() {
        List<String> titles = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            titles.add("Disk full on db-" + i);
        }
        List<DynamodbStreamRecord> records = inserts(titles.toArray(String[]::new));

        StreamsEventResponse response = publish(records.toArray(DynamodbStreamRecord[]::new));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.callSizes()).containsExactly(10, 10, 3);
        assertThat(publishedTitles()).containsExactlyElementsOf(titles);
    }

    /** The items of one incident's life, each as the write left it. */
    private record Lifecycle(Map<String, AttributeValue> opened, Map<String, AttributeValue> updated,
            Map<String, AttributeValue> acknowledged, Map<String, AttributeValue> resolved,
            Map<String, AttributeValue> reopened) {
        /** @return the stream records of the five writes, in order */
        DynamodbStreamRecord[] records() {
            return new DynamodbStreamRecord[] {StreamRecords.insert(opened), StreamRecords.modify(opened, updated),
                    StreamRecords.modify(updated, acknowledged), StreamRecords.modify(acknowledged, resolved),
                    StreamRecords.modify(resolved, reopened)};
        }
    }

    /** An alert opens an incident, recurs, is acknowledged and resolved, and a later alert opens a new one. */
    private Lifecycle lifecycle() {
        Map<String, AttributeValue> opened = deliver(CRITICAL);
        clock.advance(Duration.ofSeconds(30));
        Map<String, AttributeValue> updated = deliver(CRITICAL);
        String fingerprint = opened.get("fingerprint").s();
        Map<String, AttributeValue> acknowledged = IncidentTransitions.transition(dynalite.client(), table, fingerprint,
                IncidentStatus.ACKNOWLEDGED, NOW.plusSeconds(60));
        Map<String, AttributeValue> resolved = IncidentTransitions.transition(dynalite.client(), table, fingerprint,
                IncidentStatus.RESOLVED, NOW.plusSeconds(120));
        clock.advance(Duration.ofMinutes(5));
        return new Lifecycle(opened, updated, acknowledged, resolved, deliver(CRITICAL));
    }

    /** @return the incident's timeline entries in key order, their attributes as strings */
    private List<Map<String, String>> timeline(String incidentId) {
        return dynalite.client().query(b -> b
                        .tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :timeline)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INC#" + incidentId),
                                ":timeline", AttributeValue.fromS("TL#"))))
                .items().stream()
                .map(item -> {
                    Map<String, String> entry = new HashMap<>();
                    item.forEach((name, value) -> entry.put(name, value.s() != null ? value.s() : value.n()));
                    return entry;
                })
                .toList();
    }

    private StreamsEventResponse publish(DynamodbStreamRecord... records) {
        return publisher.handleRequest(StreamRecords.event(List.of(records)), null);
    }

    private List<DynamodbStreamRecord> inserts(String... titles) {
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (String title : titles) {
            records.add(StreamRecords.insert(deliver("{\"title\":\"" + title + "\",\"severity\":\"high\"}")));
        }
        return records;
    }

    private Map<String, AttributeValue> deliver(String body) {
        return deliver(new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET,
                clock), body);
    }

    /** Posts an alert through the ingest handler and reads back the item it wrote. */
    private Map<String, AttributeValue> deliver(IngestHandler ingest, String body) {
        var response = ingest.handleRequest(AlertRequests.alert(body, clock.instant()), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        String incidentId = (String) ((Map<?, ?>) Json.read(response.getBody())).get("incidentId");
        List<Map<String, AttributeValue>> items = dynalite.client().scan(b -> b
                .tableName(table)
                .filterExpression("incidentId = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(incidentId)))).items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private List<String> publishedTitles() {
        return java.util.stream.IntStream.range(0, bus.events().size()).mapToObj(i -> (String) detail(i).get("title"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> detail(int index) {
        return (Map<String, Object>) bus.events().get(index).get("detail");
    }
}
