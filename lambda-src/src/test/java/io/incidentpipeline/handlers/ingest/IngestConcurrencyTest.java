package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynaliteExtension.class)
class IngestConcurrencyTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final int DELIVERIES = 32;

    @Test
    void shouldKeepExactlyOneIncidentCountingEveryDelivery_when32DeliveriesOfTheSameAlertRace(Dynalite dynalite)
            throws Exception {
        String table = dynalite.createIncidentTable();
        IngestHandler handler = new IngestHandler(AlertRequests.config(table), dynalite.client(),
                arn -> AlertRequests.SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(DELIVERIES);
        List<Future<APIGatewayProxyResponseEvent>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < DELIVERIES; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return handler.handleRequest(AlertRequests.criticalAlert(NOW), null);
                }));
            }
            start.countDown();
            List<Map<String, Object>> answers = new ArrayList<>();
            for (Future<APIGatewayProxyResponseEvent> response : responses) {
                APIGatewayProxyResponseEvent done = response.get(30, TimeUnit.SECONDS);
                assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(202);
                answers.add(IngestHandlerTest.body(done));
            }

            assertThat(answers).extracting(a -> a.get("incidentId")).containsOnly(answers.get(0).get("incidentId"));
            assertThat(answers).filteredOn(a -> a.get("deduplicated").equals(false)).hasSize(1);
            assertThat(dynalite.currentIncidents(table)).singleElement()
                    .satisfies(incident -> assertThat(incident.occurrences()).isEqualTo(DELIVERIES));
        } finally {
            threads.shutdownNow();
        }
    }
}
