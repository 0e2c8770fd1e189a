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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** New Relic and Opsgenie webhooks (token header), against dynalite. */
@ExtendWith(DynaliteExtension.class)
class TokenSourcesTest {
    private static final String TOKEN = "token-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    private Dynalite dynalite;
    private String table;
    private IngestHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        Map<String, String> env = new LinkedHashMap<>(AlertRequests.environment(table));
        env.put("ALERT_SOURCES", "newrelic,opsgenie");
        env.put("ALERT_SECRET_ARNS", "newrelic=" + AlertRequests.SECRET_ARN + ",opsgenie=" + AlertRequests.SECRET_ARN);
        handler = new IngestHandler(IngestConfig.fromEnvironment(env), dynalite.client(), arn -> TOKEN,
                new MutableClock(Instant.parse("2026-11-25T06:00:00Z")));
    }

    private APIGatewayProxyResponseEvent post(String source, String fixture) throws IOException {
        try (InputStream in = TokenSourcesTest.class.getResourceAsStream("/events/" + source + "/" + fixture)) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return handler.handleRequest(AlertRequests.post(source, body,
                    Map.of(TokenAuthenticator.TOKEN_HEADER, TOKEN)), null);
        }
    }

    private List<Incident> incidents() {
        return dynalite.currentIncidents(table);
    }

    @Test
    void shouldOpenAnIncidentForTheFirstEntity_whenANewRelicIssueActivates() throws IOException {
        assertThat(post("newrelic", "activated.json").getStatusCode()).isEqualTo(202);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("newrelic");
            assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.service()).isEqualTo("checkout-api");
            assertThat(incident.description()).isEqualTo("https://one.newrelic.com/alerts-ai/issues/b3f5e2c4");
        });
    }

    @Test
    void shouldResolveOnClosedAndIgnoreAcknowledged_forNewRelic() throws IOException {
        post("newrelic", "activated.json");

        assertThat(IngestHandlerTest.body(post("newrelic", "acknowledged.json"))).containsEntry("recorded", false);
        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.occurrences()).isEqualTo(1L));
        assertThat(IngestHandlerTest.body(post("newrelic", "closed.json"))).containsEntry("resolved", true);
        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
    }

    @Test
    void shouldOpenAnIncidentForTheTaggedService_whenAnOpsgenieAlertIsCreated() throws IOException {
        assertThat(post("opsgenie", "create.json").getStatusCode()).isEqualTo(202);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("opsgenie");
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
            assertThat(incident.service()).isEqualTo("payments");
            assertThat(incident.title()).isEqualTo("Payment webhook failures above 10/min");
        });
    }

    @Test
    void shouldResolveOnCloseAndIgnoreNotes_forOpsgenie() throws IOException {
        post("opsgenie", "create.json");

        assertThat(IngestHandlerTest.body(post("opsgenie", "add-note.json"))).containsEntry("recorded", false);
        assertThat(IngestHandlerTest.body(post("opsgenie", "close.json"))).containsEntry("resolved", true);
        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
    }

    @Test
    void shouldAnswer400AndWriteNothing_whenTheOpsgeniePayloadHasNoAlert() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(AlertRequests.post("opsgenie",
                "{\"action\": \"Create\"}", Map.of(TokenAuthenticator.TOKEN_HEADER, TOKEN)), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(IngestHandlerTest.body(response).get("message").toString()).contains("'alert'");
        assertThat(dynalite.itemCount(table)).isZero();
    }
}
