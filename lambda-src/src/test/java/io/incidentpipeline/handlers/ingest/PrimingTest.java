package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming runs the alert path without opening an incident or touching a secret; the
 * restore hook reads the secrets, so the first alert waits for none.
 */
@ExtendWith(DynaliteExtension.class)
class PrimingTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));

    @Test
    void shouldWriteNothingAndReadNoSecret_whenPriming(Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        List<String> secretsRead = new ArrayList<>();
        IngestHandler handler = new IngestHandler(AlertRequests.config(table), dynalite.client(), arn -> {
            secretsRead.add(arn);
            return AlertRequests.SECRET;
        }, clock);

        handler.prime();

        // The alert's UpdateItem went to the priming item only: no incident, no secret.
        assertThat(dynalite.itemCount(table)).isEqualTo(1);
        assertThat(dynalite.currentIncidents(table)).isEmpty();
        Map<String, AttributeValue> priming = dynalite.item(table, ItemKeys.priming(Dynalite.REGION));
        assertThat(priming.get("occurrences").n()).isEqualTo(String.valueOf(IngestHandler.PRIMING_ROUNDS));
        assertThat(priming.get("gsi1pk").s()).isEqualTo("PRIMING");
        assertThat(priming.get("gsi2pk").s()).isEqualTo("PRIMING");
        assertThat(secretsRead).isEmpty();

        handler.restore();

        assertThat(secretsRead).containsExactly(AlertRequests.SECRET_ARN);
        assertThat(handler.handleRequest(AlertRequests.criticalAlert(clock.instant()), null).getStatusCode()).isEqualTo(202);
        assertThat(dynalite.currentIncidents(table)).hasSize(1);
    }

    @Test
    void shouldNotFail_whenPrimingCannotReachTheTable() {
        IngestHandler handler = new IngestHandler(AlertRequests.config("incidents"), Dynalite.unreachableClient(),
                arn -> AlertRequests.SECRET, clock);

        handler.prime();
    }
}
