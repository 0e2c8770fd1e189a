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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PagerDuty v3 webhook events, signed as PagerDuty signs them, against dynalite. */
@ExtendWith(DynaliteExtension.class)
class PagerDutySourceTest {
    private static final String SECRET = "pagerduty-webhook-secret-0123456789abcdefghij";
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    private Dynalite dynalite;
    private String table;
    private IngestHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        Map<String, String> env = new LinkedHashMap<>(AlertRequests.environment(table));
        env.put("ALERT_SOURCES", "pagerduty");
        env.put("ALERT_SECRET_ARNS", "pagerduty=" + AlertRequests.SECRET_ARN);
        handler = new IngestHandler(IngestConfig.fromEnvironment(env), dynalite.client(), arn -> SECRET,
                new MutableClock(NOW));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = PagerDutySourceTest.class.getResourceAsStream("/events/pagerduty/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String signature(String secret, String body) {
        return "v1=" + HexFormat.of().formatHex(PagerDutySignatureVerifier.signature(secret,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private APIGatewayProxyResponseEvent post(String body, String signatureHeader) {
        return handler.handleRequest(AlertRequests.post("pagerduty", body, signatureHeader == null ? Map.of()
                : Map.of(PagerDutySignatureVerifier.SIGNATURE_HEADER, signatureHeader)), null);
    }

    private APIGatewayProxyResponseEvent postSigned(String fixture) throws IOException {
        String body = fixture(fixture);
        return post(body, signature(SECRET, body));
    }

    private List<Incident> incidents() {
        return dynalite.currentIncidents(table);
    }

    @Test
    void shouldOpenACriticalIncidentForThePagerDutyService_whenAP1IncidentTriggers() throws IOException {
        assertThat(postSigned("incident-triggered.json").getStatusCode()).isEqualTo(202);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("pagerduty");
            assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.service()).isEqualTo("Checkout-API");
            assertThat(incident.title()).isEqualTo("Checkout error rate above 5%");
            assertThat(incident.description()).isEqualTo("https://acme.pagerduty.com/incidents/PGR0VU2");
        });
    }

    @Test
    void shouldResolveTheIncident_whenPagerDutyResolvesIt() throws IOException {
        postSigned("incident-triggered.json");

        APIGatewayProxyResponseEvent resolved = postSigned("incident-resolved.json");

        assertThat(IngestHandlerTest.body(resolved)).containsEntry("resolved", true);
        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
    }

    @Test
    void shouldRecordNothing_whenTheEventIsOnlyANote() throws IOException {
        APIGatewayProxyResponseEvent response = postSigned("incident-annotated.json");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(IngestHandlerTest.body(response)).containsEntry("recorded", false);
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldRateByUrgency_whenTheIncidentHasNoPriority() throws IOException {
        postSigned("incident-triggered-low-urgency.json");

        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void shouldAcceptAnyOfSeveralSignatures_whilePagerDutyRotatesTheSecret() throws IOException {
        String body = fixture("incident-triggered.json");

        APIGatewayProxyResponseEvent response = post(body, signature("old-secret", body) + ", " + signature(SECRET, body));

        assertThat(response.getStatusCode()).isEqualTo(202);
    }

    @Test
    void shouldAnswer401AndWriteNothing_whenTheSignatureIsMissingWrongOrForAnotherBody() throws IOException {
        String body = fixture("incident-triggered.json");

        assertThat(post(body, null).getStatusCode()).isEqualTo(401);
        assertThat(post(body, signature("wrong", body)).getStatusCode()).isEqualTo(401);
        assertThat(post(body, signature(SECRET, body + " ")).getStatusCode()).isEqualTo(401);
        assertThat(post(body, "v1=zz").getStatusCode()).isEqualTo(401);
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldAnswer400_whenTheEventIsNotAV3IncidentEvent() {
        String body = "{\"messages\": [{\"event\": \"incident.trigger\"}]}";

        APIGatewayProxyResponseEvent response = post(body, signature(SECRET, body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(IngestHandlerTest.body(response).get("message").toString()).contains("v3");
        assertThat(dynalite.itemCount(table)).isZero();
    }
}
