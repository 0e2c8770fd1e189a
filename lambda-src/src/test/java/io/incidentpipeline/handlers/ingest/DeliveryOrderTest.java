package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.store.Deliveries;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentLifecycle;
import io.incidentpipeline.handlers.store.IncidentQueries;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.Transition;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Real delivery as monitoring tools do it, against dynalite: at least once, out of order, late,
 * replayed and escalating. PagerDuty v3 events signed as PagerDuty signs them, Datadog's template,
 * and the generic webhook with its optional delivery id and event time.
 */
@ExtendWith(DynaliteExtension.class)
class DeliveryOrderTest {
    private static final String PAGERDUTY_SECRET = "pagerduty-webhook-secret-0123456789abcdefghij";
    private static final String DATADOG_TOKEN = "datadog-token-0123456789abcdefghijklmnopqrstuv";
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(NOW);
    private IngestHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        Map<String, String> env = new LinkedHashMap<>(AlertRequests.environment(table));
        env.put("ALERT_SOURCES", "generic,pagerduty,datadog");
        env.put("ALERT_SECRET_ARNS", "generic=arn:generic,pagerduty=arn:pagerduty,datadog=arn:datadog");
        Map<String, String> secrets = Map.of("arn:generic", AlertRequests.SECRET, "arn:pagerduty", PAGERDUTY_SECRET,
                "arn:datadog", DATADOG_TOKEN);
        handler = new IngestHandler(IngestConfig.fromEnvironment(env), dynalite.client(), secrets::get, clock);
    }

    @Test
    void shouldNotReopenTheResolvedIncident_whenPagerDutyRedeliversTheTriggerAfterTheResolution() {
        String triggered = Fixtures.text("pagerduty/incident-triggered.json");
        assertThat(answer(pagerDuty(triggered))).containsEntry("recorded", true).containsEntry("deduplicated", false);
        clock.advance(Duration.ofSeconds(30));
        assertThat(answer(pagerDuty(Fixtures.text("pagerduty/incident-resolved.json")))).containsEntry("resolved", true);
        clock.advance(Duration.ofMinutes(2));

        Map<String, Object> redelivered = answer(pagerDuty(triggered));

        assertThat(redelivered).containsEntry("recorded", false).containsEntry("reason", "redelivery");
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED));
    }

    @Test
    void shouldNotReopenTheResolvedIncident_whenATriggerThatHappenedBeforeTheResolutionArrivesLate() {
        String triggered = Fixtures.text("pagerduty/incident-triggered.json");
        answer(pagerDuty(triggered));
        answer(pagerDuty(Fixtures.text("pagerduty/incident-resolved.json")));
        clock.advance(Duration.ofMinutes(10));
        // Another delivery (its own id) of a trigger that PagerDuty sent before the resolution.
        String lateTrigger = triggered.replace("01DEN7QMKYYQ5OV6JQ2JEHUZGF", "01DEN7QMZZ0B3C4D5E6F7G8H9J");

        APIGatewayProxyResponseEvent response = pagerDuty(lateTrigger);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(answer(response)).containsEntry("recorded", false).containsEntry("reason", "late_alert");
        assertThat((String) answer(response).get("message")).contains("2026-11-25T05:58:12.169Z", "before incident",
                "2026-11-25T05:59:40.512Z");
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> {
                    assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
                    assertThat(incident.openedAt()).isEqualTo(Instant.parse("2026-11-25T05:58:12.169Z"));
                    assertThat(incident.resolvedAt()).isEqualTo(Instant.parse("2026-11-25T05:59:40.512Z"));
                });
    }

    @Test
    void shouldRefuseAPagerDutyDeliveryReplayed90DaysLater_whileItsSignatureIsStillValid() {
        answer(pagerDuty(Fixtures.text("pagerduty/incident-triggered.json")));
        answer(pagerDuty(Fixtures.text("pagerduty/incident-resolved.json")));
        clock.advance(Duration.ofDays(90));
        // The replay carries a fresh id: the delivery ids of 90 days ago are long forgotten.
        String replay = Fixtures.text("pagerduty/incident-triggered.json")
                .replace("01DEN7QMKYYQ5OV6JQ2JEHUZGF", "01DEN7QMKYYQ5OV6JQ2JEHUZGX");

        APIGatewayProxyResponseEvent response = pagerDuty(replay);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(answer(response)).containsEntry("error", "event_too_old");
        assertThat((String) answer(response).get("message")).contains("DELIVERY_HORIZON_SECONDS");
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED));
    }

    @Test
    void shouldEscalateTheIncident_whenPagerDutyRaisesItsPriority() {
        String triggeredP3 = Fixtures.text("pagerduty/incident-triggered.json").replace("\"summary\":\"P1\"", "\"summary\":\"P3\"");
        answer(pagerDuty(triggeredP3));
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> assertThat(incident.severity()).isEqualTo(Severity.MEDIUM));

        Map<String, Object> answer = answer(pagerDuty(Fixtures.text("pagerduty/incident-priority-updated.json")));

        assertThat(answer).containsEntry("recorded", true).containsEntry("escalated", true);
        assertThat(dynalite.currentIncidents(table)).singleElement().satisfies(incident -> {
            assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.previousSeverity()).isEqualTo(Severity.MEDIUM);
            assertThat(incident.occurrences()).isEqualTo(2);
        });
    }

    @Test
    void shouldNotResolveTheNewIncident_whenARecoveryOfTheEarlierOneArrivesAfterItOpened() {
        String triggered = Fixtures.text("pagerduty/incident-triggered.json");
        answer(pagerDuty(triggered));
        String resolved = Fixtures.text("pagerduty/incident-resolved.json");
        answer(pagerDuty(resolved));
        clock.advance(Duration.ofMinutes(5));
        // PagerDuty reopens it at 06:04 …
        answer(pagerDuty(triggered.replace("01DEN7QMKYYQ5OV6JQ2JEHUZGF", "01DENB7T0K2M4P6R8S0U2W4Y6A")
                .replace("incident.triggered", "incident.reopened").replace("2026-11-25T05:58:12.169Z", "2026-11-25T06:04:00.000Z")));
        // … and a second delivery of the 05:59 resolution, with its own id, comes in late.
        Map<String, Object> late = answer(pagerDuty(resolved.replace("01DEN8ZQ4XRKY1J4Q9P7WQ5H3N", "01DEN8ZQ4XRKY1J4Q9P7WQ5H3Z")));

        assertThat(late).containsEntry("resolved", false).containsEntry("reason", "recovery_predates_incident");
        assertThat(dynalite.currentIncidents(table)).singleElement().satisfies(incident -> {
            assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
            assertThat(incident.previousIncidentId()).isNotNull();
        });
    }

    @Test
    void shouldEscalateAWarnToTheMonitorsP1Alert_andRecordTheWarnThatFollowsWithoutLoweringIt() {
        String warn = Fixtures.text("datadog/warn-no-priority.json");
        assertThat(answer(datadog(warn))).containsEntry("recorded", true);
        Incident opened = dynalite.currentIncidents(table).get(0);
        assertThat(opened.severity()).isEqualTo(Severity.MEDIUM);

        Map<String, Object> escalated = answer(datadog(alertOf(warn, "Triggered", "P1")));
        Map<String, Object> warnAgain = answer(datadog(warn));

        assertThat(escalated).containsEntry("escalated", true);
        assertThat(warnAgain).containsEntry("escalated", false).containsEntry("deduplicated", true);
        assertThat(dynalite.currentIncidents(table)).singleElement().satisfies(incident -> {
            assertThat(incident.incidentId()).isEqualTo(opened.incidentId());
            assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.reportedSeverity()).isEqualTo(Severity.MEDIUM);
            assertThat(incident.occurrences()).isEqualTo(3);
        });
    }

    @Test
    void shouldRecordAGenericDeliveryOnce_andTakeTheEventTimeFromTheBody() {
        String body = "{\"title\":\"Disk full on db-1\",\"severity\":\"high\",\"occurredAt\":\"2026-11-25T05:57:00+01:00\"}";
        var first = AlertRequests.alert(body, clock.instant());
        first.getHeaders().put(GenericAlertNormalizer.DELIVERY_ID_HEADER, "b7e0c5d2-3f4a-4c1e-9a8b-7c6d5e4f3a2b");

        assertThat(answer(handler.handleRequest(first, null))).containsEntry("recorded", true);
        clock.advance(Duration.ofSeconds(20));
        var retry = AlertRequests.alert(body, clock.instant());
        retry.getHeaders().put(GenericAlertNormalizer.DELIVERY_ID_HEADER, "b7e0c5d2-3f4a-4c1e-9a8b-7c6d5e4f3a2b");
        Map<String, Object> second = answer(handler.handleRequest(retry, null));

        assertThat(second).containsEntry("recorded", false).containsEntry("reason", "redelivery");
        assertThat(dynalite.currentIncidents(table)).singleElement().satisfies(incident -> {
            assertThat(incident.occurrences()).isEqualTo(1);
            assertThat(incident.openedAt()).isEqualTo(Instant.parse("2026-11-25T04:57:00Z"));
        });
        Map<String, AttributeValue> remembered = dynalite.item(table,
                ItemKeys.delivery("generic", "b7e0c5d2-3f4a-4c1e-9a8b-7c6d5e4f3a2b"));
        assertThat(remembered.get(Deliveries.EXPIRES_AT).n())
                .isEqualTo(Long.toString(NOW.plus(Duration.ofHours(24)).getEpochSecond()));
    }

    @Test
    void shouldRecordTheDeliveryAgain_whenItsRememberedIdHasExpiredButTtlHasNotDeletedItYet() {
        String body = "{\"title\":\"Disk full on db-1\",\"severity\":\"high\"}";
        var first = AlertRequests.alert(body, clock.instant());
        first.getHeaders().put(GenericAlertNormalizer.DELIVERY_ID_HEADER, "delivery-1");
        answer(handler.handleRequest(first, null));
        // Past the retention: TTL may take days to delete the item, which still counts as gone.
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        var again = AlertRequests.alert(body, clock.instant());
        again.getHeaders().put(GenericAlertNormalizer.DELIVERY_ID_HEADER, "delivery-1");

        assertThat(answer(handler.handleRequest(again, null))).containsEntry("recorded", true)
                .containsEntry("deduplicated", true);
    }

    @Test
    void shouldAnswer400AndWriteNothing_whenTheDeliveryIdOrEventTimeIsMalformed() {
        var spaced = AlertRequests.alert("{\"title\":\"Disk full\",\"severity\":\"high\"}", clock.instant());
        spaced.getHeaders().put(GenericAlertNormalizer.DELIVERY_ID_HEADER, "has spaces");
        var notATime = AlertRequests.alert("{\"title\":\"Disk full\",\"severity\":\"high\",\"occurredAt\":\"yesterday\"}",
                clock.instant());

        APIGatewayProxyResponseEvent badId = handler.handleRequest(spaced, null);
        APIGatewayProxyResponseEvent badTime = handler.handleRequest(notATime, null);

        assertThat(badId.getStatusCode()).isEqualTo(400);
        assertThat(answer(badId)).containsEntry("error", "invalid_header");
        assertThat(badTime.getStatusCode()).isEqualTo(400);
        assertThat(answer(badTime)).containsEntry("error", "invalid_field");
        assertThat((String) answer(badTime).get("message")).contains("occurredAt", "ISO-8601");
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldReleaseTheDeliveryClaim_whenTheTableFailsToRecordTheAlert_soThatTheRetryIsRecorded() {
        String body = "{\"title\":\"Disk full on db-1\",\"severity\":\"high\"}";
        IngestHandler failing = new IngestHandler(AlertRequests.config(table), new ThrottledUpdates(dynalite.client()),
                arn -> AlertRequests.SECRET, clock);
        var request = AlertRequests.alert(body, clock.instant());
        request.getHeaders().put(GenericAlertNormalizer.DELIVERY_ID_HEADER, "delivery-2");

        assertThat(failing.handleRequest(request, null).getStatusCode()).isEqualTo(503);
        IngestHandler healthy = new IngestHandler(AlertRequests.config(table), dynalite.client(),
                arn -> AlertRequests.SECRET, clock);
        var retry = AlertRequests.alert(body, clock.instant());
        retry.getHeaders().put(GenericAlertNormalizer.DELIVERY_ID_HEADER, "delivery-2");

        assertThat(answer(healthy.handleRequest(retry, null))).containsEntry("recorded", true);
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> assertThat(incident.occurrences()).isEqualTo(1));
    }

    @Test
    void shouldCountDuplicatesOnTheTallies_leavingTheIncidentItemUnwritten_untilItIsResolved() {
        String body = "{\"title\":\"Disk full on db-1\",\"severity\":\"high\",\"description\":\"" + "d".repeat(4096) + "\"}";
        String incidentId = (String) answer(handler.handleRequest(AlertRequests.alert(body, clock.instant()), null))
                .get("incidentId");
        String fingerprint = dynalite.currentIncidents(table).get(0).fingerprint();
        Map<String, AttributeValue> opened = dynalite.item(table, ItemKeys.incident(fingerprint));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(answer(handler.handleRequest(AlertRequests.alert(body, clock.instant()), null)))
                    .containsEntry("deduplicated", true);
        }

        assertThat(dynalite.item(table, ItemKeys.incident(fingerprint))).isEqualTo(opened);
        assertThat(dynalite.currentIncidents(table)).singleElement().satisfies(incident -> {
            assertThat(incident.occurrences()).isEqualTo(6);
            assertThat(incident.lastSeenAt()).isEqualTo(clock.instant());
        });

        IncidentLifecycle lifecycle = new IncidentLifecycle(dynalite.client(), table, Dynalite.REGION,
                new IncidentQueries(dynalite.client(), table, IndexNames.DEFAULT));
        assertThat(lifecycle.apply(incidentId, Transition.RESOLVE, "arn:aws:iam::123456789012:user/alice", null,
                clock.instant())).hasValueSatisfying(result -> assertThat(result.incident().occurrences()).isEqualTo(6));
        clock.advance(Duration.ofSeconds(1));
        Map<String, Object> after = answer(handler.handleRequest(AlertRequests.alert(body, clock.instant()), null));

        // The resolved incident's tallies are closed: the next alert opens a new incident, counted from 1.
        assertThat(after).containsEntry("deduplicated", false);
        assertThat(after.get("incidentId")).isNotEqualTo(incidentId);
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> assertThat(incident.occurrences()).isEqualTo(1));
    }

    /**
     * The table as it is when DynamoDB throttles the incident's item: claims ({@code PutItem}) succeed,
     * the alert's {@code UpdateItem} does not, and neither does the release of the claim's first try.
     */
    private static final class ThrottledUpdates implements DynamoDbClient {
        private final DynamoDbClient table;
        private int updates;

        ThrottledUpdates(DynamoDbClient table) {
            this.table = table;
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            return table.putItem(request);
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return table.getItem(request);
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            if (updates++ == 0) {
                throw ProvisionedThroughputExceededException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .errorMessage("Rate exceeded for the item").build())
                        .build();
            }
            return table.updateItem(request);
        }

        @Override
        public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
            return table.serviceClientConfiguration();
        }

        @Override
        public String serviceName() {
            return table.serviceName();
        }

        @Override
        public void close() {
        }
    }

    private APIGatewayProxyResponseEvent pagerDuty(String body) {
        String signature = "v1=" + HexFormat.of().formatHex(PagerDutySignatureVerifier.signature(PAGERDUTY_SECRET,
                body.getBytes(StandardCharsets.UTF_8)));
        return handler.handleRequest(AlertRequests.post("pagerduty", body,
                Map.of(PagerDutySignatureVerifier.SIGNATURE_HEADER, signature)), null);
    }

    private APIGatewayProxyResponseEvent datadog(String body) {
        return handler.handleRequest(AlertRequests.post("datadog", body,
                Map.of(TokenAuthenticator.TOKEN_HEADER, DATADOG_TOKEN)), null);
    }

    /** @return the Datadog notification of the same monitor and scope, at another transition and priority */
    @SuppressWarnings("unchecked")
    private static String alertOf(String notification, String transition, String priority) {
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) Json.read(notification));
        body.put("transition", transition);
        body.put("priority", priority);
        body.put("title", ((String) body.get("title")).replace("Warn", transition));
        return Json.write(body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(APIGatewayProxyResponseEvent response) {
        assertThat(List.of(202, 400)).as(response.getBody()).contains(response.getStatusCode());
        return (Map<String, Object>) Json.read(response.getBody());
    }
}
