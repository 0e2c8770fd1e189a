package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Datadog monitor notifications through the webhook template in the README, against dynalite. */
@ExtendWith(DynaliteExtension.class)
class DatadogSourceTest {
    private static final String TOKEN = "datadog-token-0123456789abcdefghijklmnopqrstuvwx";
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
        Map<String, String> env = new LinkedHashMap<>(AlertRequests.environment(table));
        env.put("ALERT_SOURCES", "generic,datadog");
        env.put("ALERT_SECRET_ARNS", env.get("ALERT_SECRET_ARNS") + ",datadog=" + AlertRequests.SECRET_ARN + "-datadog");
        handler = new IngestHandler(IngestConfig.fromEnvironment(env), dynalite.client(),
                arn -> arn.endsWith("-datadog") ? TOKEN : AlertRequests.SECRET, clock);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = DatadogSourceTest.class.getResourceAsStream("/events/datadog/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private APIGatewayProxyResponseEvent post(String body, String token) {
        return handler.handleRequest(AlertRequests.post("datadog", body,
                token == null ? Map.of() : Map.of(TokenAuthenticator.TOKEN_HEADER, token)), null);
    }

    private List<Incident> incidents() {
        return dynalite.currentIncidents(table);
    }

    @Test
    void shouldOpenACriticalIncidentForTheTaggedService_whenAP1MonitorTriggers() throws IOException {
        APIGatewayProxyResponseEvent response = post(fixture("triggered-p1.json"), TOKEN);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("datadog");
            assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.service()).isEqualTo("orders-db");
            assertThat(incident.category()).isEqualTo("monitor");
            assertThat(incident.description()).contains("97.3% full").contains("app.datadoghq.com/monitors/84211307");
            assertThat(incident.labels()).containsEntry("env", "prod").containsEntry("transition", "Triggered");
        });
    }

    @Test
    void shouldCountARetriggerAndResolveOnRecovery_thenOpenANewLinkedIncident() throws IOException {
        post(fixture("triggered-p1.json"), TOKEN);
        post(fixture("triggered-p1.json"), TOKEN);
        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.occurrences()).isEqualTo(2L));
        String firstId = incidents().get(0).incidentId();

        clock.advance(Duration.ofMinutes(5));
        APIGatewayProxyResponseEvent recovered = post(fixture("recovered.json"), TOKEN);
        assertThat(recovered.getStatusCode()).isEqualTo(202);
        assertThat(IngestHandlerTest.body(recovered)).containsEntry("incidentId", firstId).containsEntry("resolved", true);
        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));

        clock.advance(Duration.ofMinutes(5));
        post(fixture("triggered-p1.json"), TOKEN);
        assertThat(incidents()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(IncidentStatus.OPEN);
            assertThat(i.previousIncidentId()).isEqualTo(firstId);
        });
    }

    @Test
    void shouldChangeNothing_whenARecoveryHasNoOpenIncident() throws IOException {
        APIGatewayProxyResponseEvent response = post(fixture("recovered.json"), TOKEN);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(IngestHandlerTest.body(response)).containsEntry("resolved", false);
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldRateByTransition_whenTheMonitorHasNoPriority() throws IOException {
        post(fixture("warn-no-priority.json"), TOKEN);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(incident.service()).isEqualTo("checkout");
        });
    }

    @Test
    void shouldAnswer401AndWriteNothing_whenTheTokenIsMissingOrWrong() throws IOException {
        APIGatewayProxyResponseEvent missing = post(fixture("triggered-p1.json"), null);
        APIGatewayProxyResponseEvent wrong = post(fixture("triggered-p1.json"), TOKEN + "x");

        assertThat(missing.getStatusCode()).isEqualTo(401);
        assertThat(IngestHandlerTest.body(missing)).containsEntry("error", "missing_token");
        assertThat(wrong.getStatusCode()).isEqualTo(401);
        assertThat(IngestHandlerTest.body(wrong)).containsEntry("error", "invalid_token");
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldAnswer400NamingTheField_whenThePayloadIsNotTheTemplate() {
        APIGatewayProxyResponseEvent response = post("{\"title\": \"no monitor id\"}", TOKEN);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(IngestHandlerTest.body(response).get("message").toString()).contains("'alertId'");
        assertThat(dynalite.itemCount(table)).isZero();
    }
}
