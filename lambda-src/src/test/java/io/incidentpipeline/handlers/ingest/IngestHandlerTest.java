package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.store.Tallies;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.IncidentTransitions;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(DynaliteExtension.class)
class IngestHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    private Dynalite dynalite;
    private String table;
    private MutableClock clock;
    private IngestHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        clock = new MutableClock(NOW);
        handler = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> AlertRequests.SECRET, clock);
    }

    @Test
    void shouldAnswer202AndOpenAnIncident_whenASignedAlertArrives() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(AlertRequests.criticalAlert(NOW), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        Map<String, Object> answer = body(response);
        String incidentId = (String) answer.get("incidentId");
        assertThat(incidentId).matches("inc_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(answer).containsEntry("deduplicated", false);

        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("generic\norders-db\nDisk full on db-1".getBytes(StandardCharsets.UTF_8)));
        Map<String, AttributeValue> item = dynalite.item(table, ItemKeys.incident(fingerprint));
        assertThat(strings(item)).containsAllEntriesOf(Map.ofEntries(
                Map.entry("pk", "FP#" + fingerprint),
                Map.entry("sk", "INCIDENT"),
                Map.entry("incidentId", incidentId),
                Map.entry("fingerprint", fingerprint),
                Map.entry("source", "generic"),
                Map.entry("severity", "critical"),
                Map.entry("title", "Disk full on db-1"),
                Map.entry("description", "/var/lib/postgresql is 100% full"),
                Map.entry("service", "orders-db"),
                Map.entry("category", "capacity"),
                Map.entry("status", "OPEN"),
                Map.entry("openedAt", "2026-11-25T06:00:00.000Z"),
                Map.entry("lastSeenAt", "2026-11-25T06:00:00.000Z"),
                Map.entry("updatedAt", "2026-11-25T06:00:00.000Z"),
                Map.entry("writtenRegion", "us-east-1"),
                Map.entry("gsi1pk", "STATUS#OPEN"),
                Map.entry("gsi1sk", "2026-11-25T06:00:00.000Z#" + incidentId)));
        assertThat(item.get("occurrences").n()).isEqualTo("1");
        assertThat(item.get("labels").m()).containsExactly(Map.entry("team", AttributeValue.fromS("storage")));
        assertThat(item).doesNotContainKeys("previousIncidentId", "dedupKey");
        assertThat(dynalite.itemCount(table)).isEqualTo(1);
    }

    @Test
    void shouldDefaultServiceAndCategory_whenTheSenderNamesNone() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                AlertRequests.alert("{\"title\":\"Queue backlog\",\"severity\":\"medium\"}", NOW), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        Map<String, AttributeValue> item = onlyItem();
        assertThat(item.get("service").s()).isEqualTo("unknown");
        assertThat(item.get("category").s()).isEqualTo("other");
        assertThat(item).doesNotContainKeys("description", "labels");
    }

    @Test
    void shouldCountAnOccurrenceOfTheSameIncident_whenTheSameAlertArrivesAgain() {
        String first = (String) body(handler.handleRequest(AlertRequests.criticalAlert(NOW), null)).get("incidentId");
        clock.advance(Duration.ofSeconds(30));

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                AlertRequests.criticalAlert(NOW.plusSeconds(30)), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response)).containsEntry("incidentId", first).containsEntry("deduplicated", true);
        Map<String, AttributeValue> item = onlyItem();
        assertThat(item.get("openedAt").s()).isEqualTo("2026-11-25T06:00:00.000Z");
        assertThat(item.get("gsi1sk").s()).isEqualTo("2026-11-25T06:00:00.000Z#" + first);
        // The duplicate was counted on the incident's tally, not on its item (which it left as it was).
        assertThat(item.get("occurrences").n()).isEqualTo("1");
        assertThat(dynalite.currentIncidents(table)).singleElement().satisfies(incident -> {
            assertThat(incident.occurrences()).isEqualTo(2);
            assertThat(incident.lastSeenAt()).isEqualTo(NOW.plusSeconds(30));
        });
    }

    @Test
    void shouldKeepTheFirstAlertsDescription_whenADuplicateSaysSomethingElse() {
        handler.handleRequest(AlertRequests.criticalAlert(NOW), null);
        String louder = Fixtures.object("apigw-post-alert.json").get("body").toString()
                .replace("\"critical\"", "\"low\"").replace("100% full", "still full");

        handler.handleRequest(AlertRequests.alert(louder, NOW), null);

        Map<String, AttributeValue> item = onlyItem();
        assertThat(item.get("severity").s()).isEqualTo("critical");
        assertThat(item.get("description").s()).isEqualTo("/var/lib/postgresql is 100% full");
        assertThat(item.get("occurrences").n()).isEqualTo("2");
    }

    @Test
    void shouldOpenANewIncidentLinkedToTheResolvedOne_whenTheIncidentWasResolved() {
        String resolvedId = (String) body(handler.handleRequest(AlertRequests.criticalAlert(NOW), null)).get("incidentId");
        String fingerprint = onlyItem().get("fingerprint").s();
        IncidentTransitions.transition(dynalite.client(), table, fingerprint, IncidentStatus.RESOLVED, NOW.plusSeconds(60));
        clock.advance(Duration.ofMinutes(5));

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                AlertRequests.criticalAlert(NOW.plusSeconds(300)), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        Map<String, Object> answer = body(response);
        assertThat(answer.get("incidentId")).isNotEqualTo(resolvedId);
        assertThat(answer).containsEntry("deduplicated", false);
        Map<String, AttributeValue> item = dynalite.item(table, ItemKeys.incident(fingerprint));
        assertThat(strings(item)).containsEntry("incidentId", (String) answer.get("incidentId"))
                .containsEntry("previousIncidentId", resolvedId)
                .containsEntry("status", "OPEN")
                .containsEntry("gsi1pk", "STATUS#OPEN")
                .containsEntry("openedAt", "2026-11-25T06:05:00.000Z");
        assertThat(item.get("occurrences").n()).isEqualTo("1");
        // The resolved incident stays readable by id, and listed as resolved.
        assertThat(strings(dynalite.item(table, ItemKeys.archivedIncident(resolvedId))))
                .containsEntry("incidentId", resolvedId)
                .containsEntry("status", "RESOLVED")
                .containsEntry("gsi1pk", "STATUS#RESOLVED")
                .containsEntry("gsi2pk", "STATUS#RESOLVED#SERVICE#orders-db");
        // the new incident, the archived one, and the resolved incident's closed tallies
        assertThat(dynalite.itemCount(table)).isEqualTo(2 + Tallies.SHARDS);
    }

    @Test
    void shouldCountTheAcknowledgedIncident_whenAnAlertArrivesAfterAnAcknowledgement() {
        String id = (String) body(handler.handleRequest(AlertRequests.criticalAlert(NOW), null)).get("incidentId");
        IncidentTransitions.transition(dynalite.client(), table, onlyItem().get("fingerprint").s(),
                IncidentStatus.ACKNOWLEDGED, NOW);

        Map<String, Object> answer = body(handler.handleRequest(AlertRequests.criticalAlert(NOW), null));

        assertThat(answer).containsEntry("incidentId", id).containsEntry("deduplicated", true);
        assertThat(strings(onlyItem())).containsEntry("status", "ACKNOWLEDGED").containsEntry("gsi1pk", "STATUS#ACKNOWLEDGED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON; charset=UTF-8", "application/json;charset=\"utf-8\""})
    void shouldAcceptTheAlert_whenTheContentTypeIsJsonInAnyCase(String contentType) {
        APIGatewayProxyRequestEvent request = AlertRequests.criticalAlert(NOW);
        request.getHeaders().remove("Content-Type");
        request.getHeaders().put("content-type", contentType);

        assertThat(handler.handleRequest(request, null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void shouldVerifyTheDecodedBytes_whenTheBodyIsBase64Encoded() {
        APIGatewayProxyRequestEvent request = AlertRequests.request("apigw-post-alert.json");
        request.setBody(Base64.getEncoder().encodeToString(request.getBody().getBytes(StandardCharsets.UTF_8)));
        request.setIsBase64Encoded(true);

        APIGatewayProxyResponseEvent response = handler.handleRequest(AlertRequests.sign(request, NOW), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(onlyItem().get("title").s()).isEqualTo("Disk full on db-1");
    }

    @Test
    void shouldAnswer503WithRetryAfterAndWriteNothing_whenTheTableIsUnreachable() {
        IngestHandler cutOff = new IngestHandler(AlertRequests.config(table), Dynalite.unreachableClient(),
                arn -> AlertRequests.SECRET, clock);

        APIGatewayProxyResponseEvent response = cutOff.handleRequest(AlertRequests.criticalAlert(NOW), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "2");
        assertThat(body(response)).containsEntry("error", "unavailable");
        assertThat((String) body(response).get("message")).contains("incident table", "retry after 2 seconds");
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldAnswer503WithRetryAfter_whenTheSecretCannotBeRead() {
        IngestHandler noSecrets = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request");
        }, clock);

        APIGatewayProxyResponseEvent response = noSecrets.handleRequest(AlertRequests.criticalAlert(NOW), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsKey("Retry-After");
        assertThat((String) body(response).get("message")).contains("signing secret of source 'generic'");
    }

    static Map<String, Object> body(APIGatewayProxyResponseEvent response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(response.getBody());
        return body;
    }

    /** @return the one incident item (duplicates add tally items beside it) */
    private Map<String, AttributeValue> onlyItem() {
        var items = dynalite.client().scan(b -> b.tableName(table)).items().stream()
                .filter(item -> ItemKeys.isIncident(item.get(ItemKeys.PK).s(), item.get(ItemKeys.SK).s())).toList();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static Map<String, String> strings(Map<String, AttributeValue> item) {
        Map<String, String> strings = new java.util.HashMap<>();
        item.forEach((name, value) -> {
            if (value.s() != null) {
                strings.put(name, value.s());
            }
        });
        return strings;
    }
}
