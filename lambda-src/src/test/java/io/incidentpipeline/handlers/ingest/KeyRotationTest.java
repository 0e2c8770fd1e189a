package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.secrets.SecretCache;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.LogLines;
import io.incidentpipeline.handlers.testsupport.MotoServer;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's rotation procedure, run against the ingest handler with its real secret cache, a
 * real Secrets Manager API (moto) and dynalite: no alert is refused while a key rotates, and none
 * while Secrets Manager is down for less than the staleness bound.
 */
@ExtendWith(DynaliteExtension.class)
class KeyRotationTest {
    private static final String OLD_KEY = "old-signing-key-0123456789abcdefghijklmnopqrstuv";
    private static final String NEW_KEY = "new-signing-key-0123456789abcdefghijklmnopqrstuv";
    private static final Duration GRACE = Duration.ofHours(24);

    private MotoServer moto;
    private Dynalite dynalite;
    private String table;
    private String secretArn;
    private MutableClock clock;
    private IngestHandler handler;
    private int alerts;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        // Its own Secrets Manager: a test stops it.
        moto = MotoServer.start();
        secretArn = moto.secretsManager().createSecret(b -> b.name("incident-pipeline/generic").secretString(OLD_KEY)).arn();
        table = dynalite.createIncidentTable();
        Map<String, String> env = new HashMap<>(AlertRequests.environment(table));
        env.put("ALERT_SECRET_ARNS", "generic=" + secretArn);
        clock = new MutableClock(Instant.now());
        handler = new IngestHandler(IngestConfig.fromEnvironment(env), dynalite.client(),
                new SecretCache(moto.secretsManager(), GRACE, clock), clock);
    }

    @AfterEach
    void stopSecretsManager() {
        moto.close();
    }

    @Test
    void shouldAcceptEveryAlert_whenTheKeyIsRotatedAsTheReadmeSays() {
        assertThat(post(OLD_KEY).getStatusCode()).as("before the rotation").isEqualTo(202);

        // 1. Put the new key: Secrets Manager moves the old one to AWSPREVIOUS.
        moto.secretsManager().putSecretValue(b -> b.secretId(secretArn).secretString(NEW_KEY));
        assertThat(post(OLD_KEY).getStatusCode()).as("the sender still has the old key").isEqualTo(202);

        // 2. Wait for the cache's TTL: from then on both keys are accepted.
        clock.advance(SecretCache.TTL);
        List<Map<String, Object>> logs = LogLines.of(() ->
                assertThat(post(OLD_KEY).getStatusCode()).as("old key, within the grace window").isEqualTo(202));
        assertThat(logs).filteredOn(line -> "authenticated with the previous signing key".equals(line.get("message")))
                .singleElement().satisfies(line -> assertThat(line)
                        .containsEntry("source", "generic")
                        .containsEntry("PreviousSigningKeyUsed", 1.0) // the metric AlertIngestApi watches
                        .containsKey("_aws"));

        // 3. Update the sender, any time within the grace window.
        clock.advance(Duration.ofHours(3));
        assertThat(post(NEW_KEY).getStatusCode()).as("the updated sender").isEqualTo(202);
        assertThat(post(OLD_KEY).getStatusCode()).as("a second sender not yet updated").isEqualTo(202);

        // After the window, only the new key.
        clock.advance(GRACE);
        assertThat(post(NEW_KEY).getStatusCode()).isEqualTo(202);
        List<Map<String, Object>> refusal = LogLines.of(() -> {
            APIGatewayProxyResponseEvent late = post(OLD_KEY);
            assertThat(late.getStatusCode()).as("old key after the grace window").isEqualTo(401);
            assertThat(IngestHandlerTest.body(late)).containsEntry("error", "invalid_signature");
        });
        // What the construct's metric filter counts, per source (AlertIngestApi, AuthenticationFailures).
        assertThat(refusal).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("message", "request rejected").containsEntry("status", 401)
                .containsEntry("source", "generic").containsEntry("error", "invalid_signature"));
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> assertThat(incident.occurrences()).isEqualTo(alerts - 1));
    }

    @Test
    void shouldKeepAcceptingAlerts_whenSecretsManagerFailsAfterTheCacheExpired() {
        assertThat(post(OLD_KEY).getStatusCode()).isEqualTo(202);
        moto.close();
        clock.advance(SecretCache.TTL.plusSeconds(1));

        List<Map<String, Object>> logs = LogLines.of(() ->
                assertThat(post(OLD_KEY).getStatusCode()).as("Secrets Manager down, key known").isEqualTo(202));
        assertThat(logs).filteredOn(line -> line.containsKey("StaleSecretServed")).singleElement()
                .satisfies(line -> assertThat(line).containsEntry("secretArn", secretArn).containsKey("_aws"));
        assertThat(post(NEW_KEY).getStatusCode()).as("a wrong key is still refused").isEqualTo(401);

        clock.advance(SecretCache.MAX_STALENESS);
        APIGatewayProxyResponseEvent tooStale = post(OLD_KEY);
        assertThat(tooStale.getStatusCode()).as("past the staleness bound").isEqualTo(503);
        assertThat(tooStale.getHeaders()).containsKey("Retry-After");
        assertThat(dynalite.currentIncidents(table)).singleElement()
                .satisfies(incident -> assertThat(incident.occurrences()).isEqualTo(2));
    }

    /** Posts the fixture's alert, signed now with {@code key}. */
    private APIGatewayProxyResponseEvent post(String key) {
        alerts++;
        APIGatewayProxyRequestEvent request = AlertRequests.request("apigw-post-alert.json");
        return handler.handleRequest(AlertRequests.sign(request, Long.toString(clock.instant().getEpochSecond()), key),
                null);
    }
}
