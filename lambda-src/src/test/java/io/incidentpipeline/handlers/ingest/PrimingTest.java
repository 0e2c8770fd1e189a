package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SnapStart priming runs the alert path without recording anything or touching a secret. */
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

        // The alert's UpdateItem was sent (under a condition that cannot hold) and wrote nothing.
        assertThat(dynalite.itemCount(table)).isZero();
        assertThat(secretsRead).isEmpty();
        assertThat(handler.handleRequest(AlertRequests.criticalAlert(clock.instant()), null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void shouldNotFail_whenPrimingCannotReachTheTable() {
        IngestHandler handler = new IngestHandler(AlertRequests.config("incidents"), Dynalite.unreachableClient(),
                arn -> AlertRequests.SECRET, clock);

        handler.prime();
    }
}
