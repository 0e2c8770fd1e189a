package io.incidentpipeline.handlers.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.IncidentItems;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The playbook runtime against dynalite: claim, act (or report in a dry run), record the result on
 * the run record, and the publisher's {@code Playbook Succeeded | Failed} events from that record.
 */
@ExtendWith(DynaliteExtension.class)
class PlaybookHandlerTest {
    private static final String INCIDENT_ID = "inc_01M88MM7R0KRYSWZG60SPZEQ0A";
    private static final String PLAYBOOK = "restart-orders";

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:01Z"));
    private final List<Boolean> runs = new ArrayList<>();
    private EventBridgeStub bus;
    private EventBridgeClient eventBridge;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        IncidentItems.putFromEvent(dynalite.client(), table, Fixtures.object("eventbridge-incident-opened.json"));
        bus = new EventBridgeStub();
        eventBridge = EventBridgeClient.builder().endpointOverride(bus.endpoint())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void tearDown() {
        eventBridge.close();
        bus.close();
    }

    private PlaybookHandler handler(PlaybookAction action, boolean dryRun) {
        return handler(dynalite.client(), action, dryRun);
    }

    private PlaybookHandler handler(DynamoDbClient client, PlaybookAction action, boolean dryRun) {
        return new PlaybookHandler(new PlaybookRuns(client, table, PLAYBOOK), new PlaybookIncidents(client, table), action,
                PlaybookGuard.OPEN_INCIDENTS, dryRun, 2, clock);
    }

    private PlaybookAction restarting() {
        return (incident, dryRun) -> {
            runs.add(dryRun);
            clock.advance(Duration.ofSeconds(2));
            return PlaybookResult.succeeded((dryRun ? "Would restart " : "Restarted ") + incident.service(),
                    List.of("restart service " + incident.service()));
        };
    }

    @Test
    void shouldActOnceRecordTheResultAndAnnounceItAsSucceeded_evenWhenTheEventIsRedelivered() {
        Map<String, Object> event = Fixtures.object("eventbridge-incident-opened.json");
        PlaybookHandler handler = handler(restarting(), false);
        Map<String, AttributeValue> claimed = new HashMap<>();

        Map<String, Object> first = handler.handleRequest(event, null);
        Map<String, Object> again = handler.handleRequest(event, null);

        assertThat(runs).containsExactly(false);
        assertThat(first).containsEntry("ran", true).containsEntry("outcome", "SUCCEEDED");
        assertThat(again).containsEntry("ran", false);
        Map<String, AttributeValue> run = runRecord();
        assertThat(run).containsEntry("outcome", AttributeValue.fromS("SUCCEEDED"))
                .containsEntry("summary", AttributeValue.fromS("Restarted orders-db"))
                .containsEntry("changes", AttributeValue.fromL(List.of(AttributeValue.fromS("restart service orders-db"))))
                .containsEntry("dryRun", AttributeValue.fromBool(false))
                .containsEntry("startedAt", AttributeValue.fromS("2026-11-25T06:00:01.000Z"))
                .containsEntry("finishedAt", AttributeValue.fromS("2026-11-25T06:00:03.000Z"));
        claimed.putAll(run);
        claimed.remove("outcome");
        claimed.remove("summary");
        claimed.remove("changes");
        claimed.remove("finishedAt");

        assertThat(publish(StreamRecords.insert(claimed), StreamRecords.modify(claimed, run)).getBatchItemFailures()).isEmpty();

        assertThat(bus.detailTypes()).containsExactly("Playbook Succeeded");
        Map<String, Object> detail = bus.details().get(0);
        assertThat(detail).containsEntry("incidentId", INCIDENT_ID).containsEntry("playbook", PLAYBOOK)
                .containsEntry("outcome", "SUCCEEDED").containsEntry("dryRun", false)
                .containsEntry("changes", List.of("restart service orders-db"))
                .containsEntry("triggeredBy", Map.of("eventId", "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                        "detailType", "Incident Opened"))
                .containsEntry("region", "us-east-1");
        assertThat(bus.events().get(0)).containsEntry("time", "2026-11-25T06:00:03Z");
    }

    @Test
    void shouldOnlyReportWhatItWouldChange_inADryRun() {
        handler(restarting(), true).handleRequest(Fixtures.object("eventbridge-incident-opened.json"), null);

        assertThat(runs).containsExactly(true);
        assertThat(runRecord()).containsEntry("dryRun", AttributeValue.fromBool(true))
                .containsEntry("summary", AttributeValue.fromS("Would restart orders-db"));
    }

    @Test
    void shouldRecordAFailedRunAndAnnounceIt_whenTheActionThrows_withoutRetryingIt() {
        PlaybookAction broken = (incident, dryRun) -> {
            throw new IllegalStateException("AccessDenied on ecs:UpdateService");
        };

        Map<String, Object> answer = handler(broken, false).handleRequest(Fixtures.object("eventbridge-incident-opened.json"), null);

        assertThat(answer).containsEntry("outcome", "FAILED");
        Map<String, AttributeValue> run = runRecord();
        assertThat(run.get("outcome").s()).isEqualTo("FAILED");
        assertThat(run.get("summary").s()).contains("IllegalStateException", "AccessDenied on ecs:UpdateService");
        Map<String, AttributeValue> claimed = new HashMap<>(run);
        claimed.remove("outcome");
        publish(StreamRecords.modify(claimed, run));
        assertThat(bus.detailTypes()).containsExactly("Playbook Failed");
    }

    @Test
    void shouldNotAnnounceAClaim_norAnotherRegionsResult_norWriteATimelineEntryForAResult() {
        handler(restarting(), false).handleRequest(Fixtures.object("eventbridge-incident-opened.json"), null);
        Map<String, AttributeValue> run = runRecord();
        Map<String, AttributeValue> claimed = new HashMap<>(run);
        claimed.remove("outcome");
        Map<String, AttributeValue> otherRegion = new HashMap<>(run);
        otherRegion.put("writtenRegion", AttributeValue.fromS("eu-west-1"));
        int items = dynalite.itemCount(table);

        publish(StreamRecords.insert(claimed), StreamRecords.modify(claimed, otherRegion), StreamRecords.modify(run, run));

        assertThat(bus.events()).isEmpty();
        assertThat(dynalite.itemCount(table)).isEqualTo(items);
    }

    @Test
    void shouldThrowSoLambdaRetries_whenTheRunRecordCannotBeWritten() {
        PlaybookHandler cutOff = handler(Dynalite.unreachableClient(), restarting(), false);

        assertThatThrownBy(() -> cutOff.handleRequest(Fixtures.object("eventbridge-incident-opened.json"), null))
                .isInstanceOf(RuntimeException.class);
        assertThat(runs).isEmpty();
    }

    @Test
    void shouldRefuseADryRunSettingThatIsNeitherTrueNorFalse_andDefaultToADryRun() {
        assertThat(PlaybookHandler.dryRunFromEnvironment(new Environment(Map.of()))).isTrue();
        assertThat(PlaybookHandler.dryRunFromEnvironment(new Environment(Map.of("DRY_RUN", "false")))).isFalse();
        assertThatThrownBy(() -> PlaybookHandler.dryRunFromEnvironment(new Environment(Map.of("DRY_RUN", "yes"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DRY_RUN is 'yes'");
    }

    private Map<String, AttributeValue> runRecord() {
        return dynalite.item(table, ItemKeys.playbookRun(INCIDENT_ID, PLAYBOOK));
    }

    private StreamsEventResponse publish(DynamodbStreamRecord... records) {
        return new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table)
                .handleRequest(StreamRecords.event(List.of(records)), null);
    }
}
