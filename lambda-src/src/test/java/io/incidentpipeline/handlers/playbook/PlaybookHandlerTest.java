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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
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

    /** What the JVM throws when Lambda's sandbox dies under a run: nothing catches it. */
    private static final class SandboxKilled extends Error {
        private static final long serialVersionUID = 1L;
    }

    private PlaybookAction killedOnce() {
        return (incident, dryRun) -> {
            runs.add(dryRun);
            if (runs.size() == 1) {
                throw new SandboxKilled();
            }
            return PlaybookResult.succeeded("Restarted " + incident.service(), List.of("restart service " + incident.service()));
        };
    }

    @Test
    void shouldRetakeARunKilledAfterItsClaim_onceItsLeaseExpires_andAnnounceItsResultOnce() {
        Map<String, Object> event = Fixtures.object("eventbridge-incident-opened.json");
        PlaybookHandler handler = handler(killedOnce(), false);

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(SandboxKilled.class);
        Map<String, AttributeValue> claimed = runRecord();
        assertThat(claimed).containsEntry("attempts", AttributeValue.fromN("1"))
                .containsEntry("leaseExpiresAt", AttributeValue.fromS("2026-11-25T06:01:06.000Z"))
                .doesNotContainKey("outcome");

        clock.advance(Duration.ofSeconds(64));
        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(RunInProgressException.class)
                .hasMessageContaining("lease runs until 2026-11-25T06:01:06.000Z");
        assertThat(runs).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        Map<String, Object> retaken = handler.handleRequest(event, null);

        assertThat(retaken).containsEntry("ran", true).containsEntry("outcome", "SUCCEEDED");
        assertThat(runs).hasSize(2);
        Map<String, AttributeValue> run = runRecord();
        assertThat(run).containsEntry("attempts", AttributeValue.fromN("2")).containsEntry("outcome", AttributeValue.fromS("SUCCEEDED"))
                .containsEntry("startedAt", AttributeValue.fromS("2026-11-25T06:00:01.000Z")).doesNotContainKey("leaseExpiresAt");
        publish(StreamRecords.insert(claimed), StreamRecords.modify(claimed, run));
        assertThat(bus.detailTypes()).containsExactly("Playbook Succeeded");
        assertThat(bus.details().get(0)).containsEntry("attempts", 2);
        assertThat(handler.handleRequest(event, null)).containsEntry("ran", false);
    }

    @Test
    void shouldRecordFailedWithoutActingAndSendTheEventToTheFailureQueue_whenEveryAttemptDiedAfterItsClaim() {
        Map<String, Object> event = Fixtures.object("eventbridge-incident-opened.json");
        PlaybookAction alwaysKilled = (incident, dryRun) -> {
            runs.add(dryRun);
            throw new SandboxKilled();
        };
        PlaybookHandler handler = handler(alwaysKilled, false);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(SandboxKilled.class);
            clock.advance(Duration.ofMinutes(2));
        }
        Map<String, AttributeValue> claimed = runRecord();

        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(RunAbandonedException.class)
                .hasMessageContaining("started 2 time(s)");

        assertThat(runs).hasSize(2);
        Map<String, AttributeValue> run = runRecord();
        assertThat(run).containsEntry("outcome", AttributeValue.fromS("FAILED"));
        assertThat(run.get("summary").s()).contains("started 2 time(s)", "no attempt recorded a result", "by hand");
        assertThat(run).containsEntry("attempts", AttributeValue.fromN("3"));
        publish(StreamRecords.modify(claimed, run));
        assertThat(bus.detailTypes()).containsExactly("Playbook Failed");
    }

    @Test
    void shouldEndFailed_whenWritingTheResultFailsOnEveryAttemptThatActed() {
        Map<String, Object> event = Fixtures.object("eventbridge-incident-opened.json");
        AtomicInteger resultWrites = new AtomicInteger();
        DynamoDbClient flaky = failing(dynalite.client(), request -> request instanceof UpdateItemRequest update
                && update.updateExpression().contains("outcome") && resultWrites.incrementAndGet() <= 2);
        PlaybookHandler handler = handler(flaky, restarting(), false);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(SdkException.class);
            clock.advance(Duration.ofMinutes(2));
        }
        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(RunAbandonedException.class);

        assertThat(runs).hasSize(2);
        Map<String, AttributeValue> run = runRecord();
        Map<String, AttributeValue> claimed = new HashMap<>(run);
        claimed.remove("outcome");
        publish(StreamRecords.modify(claimed, run));
        assertThat(bus.detailTypes()).containsExactly("Playbook Failed");
        assertThat(bus.details().get(0)).containsEntry("attempts", 3).containsEntry("outcome", "FAILED");
    }

    @Test
    void shouldSkipAndAnnounceIt_whenTheIncidentWasResolvedBeforeThePlaybookRan() {
        Map<String, Object> event = Fixtures.object("eventbridge-incident-opened.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) event.get("detail"));
        detail.put("status", "RESOLVED");
        Map<String, Object> resolved = new HashMap<>(event);
        resolved.put("detail", detail);
        IncidentItems.putFromEvent(dynalite.client(), table, resolved);

        Map<String, Object> answer = handler(restarting(), false).handleRequest(event, null);

        assertThat(runs).isEmpty();
        assertThat(answer).containsEntry("outcome", "SKIPPED");
        Map<String, AttributeValue> run = runRecord();
        assertThat(run.get("summary").s()).contains("was resolved before the playbook ran");
        Map<String, AttributeValue> claimed = new HashMap<>(run);
        claimed.remove("outcome");
        publish(StreamRecords.modify(claimed, run));
        assertThat(bus.detailTypes()).containsExactly("Playbook Skipped");
    }

    @Test
    void shouldSkip_whenTheGuardRefusesTheIncidentAsTheTableHoldsIt_whateverTheEventSays() {
        Map<String, Object> event = new HashMap<>(Fixtures.object("eventbridge-incident-opened.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) event.get("detail"));
        detail.put("labels", Map.of("team", "storage", "approved", "yes"));
        event.put("detail", detail);
        PlaybookGuard approvedOnly = incident -> "yes".equals(incident.labels().get("approved"))
                ? java.util.Optional.empty() : java.util.Optional.of("not approved: labels " + incident.labels());
        PlaybookHandler handler = new PlaybookHandler(new PlaybookRuns(dynalite.client(), table, PLAYBOOK),
                new PlaybookIncidents(dynalite.client(), table), restarting(), approvedOnly, false, 2, clock);

        Map<String, Object> answer = handler.handleRequest(event, null);

        assertThat(runs).isEmpty();
        assertThat(answer).containsEntry("outcome", "SKIPPED").containsEntry("summary", "not approved: labels {team=storage}");
    }

    @Test
    void shouldWriteNothingAndThrow_whenTheEventNamesAnIncidentTheTableDoesNotHold() {
        Map<String, Object> event = new HashMap<>(Fixtures.object("eventbridge-incident-opened.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) event.get("detail"));
        detail.put("incidentId", "inc_01M88MM7R0KRYSWZG60SPZEQ0B");
        event.put("detail", detail);
        int items = dynalite.itemCount(table);

        assertThatThrownBy(() -> handler(restarting(), false).handleRequest(event, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inc_01M88MM7R0KRYSWZG60SPZEQ0B", "which the table does not hold");
        assertThat(runs).isEmpty();
        assertThat(dynalite.itemCount(table)).isEqualTo(items);
    }

    /**
     * A client whose calls fail with a service error when {@code fails} says so of the request, and
     * otherwise go to {@code real}; {@code updateItem(Consumer)} is tested on the request it builds.
     */
    private static DynamoDbClient failing(DynamoDbClient real, Predicate<Object> fails) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (args != null && args.length == 1 && args[0] instanceof Consumer<?> consumer
                            && method.getName().equals("updateItem")) {
                        @SuppressWarnings("unchecked")
                        UpdateItemRequest request = UpdateItemRequest.builder()
                                .applyMutation((Consumer<UpdateItemRequest.Builder>) consumer).build();
                        if (fails.test(request)) {
                            throw DynamoDbException.builder().message("Service unavailable").statusCode(503).build();
                        }
                        return real.updateItem(request);
                    }
                    if (args != null && args.length == 1 && fails.test(args[0])) {
                        throw DynamoDbException.builder().message("Service unavailable").statusCode(503).build();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
