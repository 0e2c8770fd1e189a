package io.incidentpipeline.benchmarks;

import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.ingest.AlertNormalizer;
import io.incidentpipeline.handlers.ingest.DatadogAlertNormalizer;
import io.incidentpipeline.handlers.ingest.GenericAlertNormalizer;
import io.incidentpipeline.handlers.ingest.NewRelicAlertNormalizer;
import io.incidentpipeline.handlers.ingest.OpsgenieAlertNormalizer;
import io.incidentpipeline.handlers.ingest.PagerDutyAlertNormalizer;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU part of an alert's warm path, per source, on one thread: decode the body as UTF-8, parse
 * it (with the handlers' JSON limits), normalize and validate it into an Alert, and fingerprint it.
 * Signature checks and the table write are not included (the write is measured end to end by
 * coldstart.sh's warm path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class ParseToFingerprint {
    private static final Map<String, String> PAYLOADS = Map.of(
            "generic", "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\",\"service\":\"orders-db\","
                    + "\"category\":\"capacity\",\"dedupKey\":\"db-1/disk\",\"description\":\"/var/lib/postgresql is"
                    + " 100% full\",\"labels\":{\"team\":\"storage\",\"env\":\"prod\"}}",
            "datadog", "{\"alertId\":\"84211307\",\"scope\":\"host:db-1\",\"title\":\"[Triggered on {host:db-1}] Disk"
                    + " usage above 95% on db-1\",\"transition\":\"Triggered\",\"priority\":\"P1\",\"message\":\"Disk"
                    + " /var/lib/postgresql is 97.3% full.\",\"tags\":\"env:prod,service:orders-db,team:storage\","
                    + "\"hostname\":\"db-1\",\"link\":\"https://app.datadoghq.com/monitors/84211307\"}",
            "pagerduty", "{\"event\":{\"id\":\"01DEN7QMKYYQ5OV6JQ2JEHUZGF\",\"event_type\":\"incident.triggered\","
                    + "\"resource_type\":\"incident\",\"occurred_at\":\"2026-11-25T05:58:12.169Z\",\"data\":{\"id\":"
                    + "\"PGR0VU2\",\"type\":\"incident\",\"html_url\":\"https://acme.pagerduty.com/incidents/PGR0VU2\","
                    + "\"number\":2,\"status\":\"triggered\",\"title\":\"Checkout error rate above 5%\",\"service\":"
                    + "{\"id\":\"PF9KMXH\",\"summary\":\"Checkout API\"},\"priority\":{\"summary\":\"P1\"},"
                    + "\"urgency\":\"high\"}}}",
            "newrelic", "{\"issueId\":\"b3f5e2c4-7d1a-4f0e-9c5b-2a8d6e4f1c3b\",\"title\":\"Checkout p99 latency above"
                    + " 2 s\",\"priority\":\"CRITICAL\",\"state\":\"ACTIVATED\",\"issueUrl\":\"https://one.newrelic.com/"
                    + "alerts-ai/issues/b3f5e2c4\",\"entities\":[\"checkout-api\"],\"policy\":\"Checkout SLOs\"}",
            "opsgenie", "{\"action\":\"Create\",\"alert\":{\"alertId\":\"70413a06-38d6-4c85-92b8-5ebc900d42e2\","
                    + "\"message\":\"Payment webhook failures above 10/min\",\"tags\":[\"service:payments\",\"env:prod\"],"
                    + "\"entity\":\"payments-gw\",\"alias\":\"payments-webhook-failures\",\"priority\":\"P2\","
                    + "\"description\":\"Stripe webhook deliveries failing with 500.\"}}");
    private static final Map<String, AlertNormalizer> NORMALIZERS = Map.of(
            "generic", new GenericAlertNormalizer(), "datadog", new DatadogAlertNormalizer(),
            "pagerduty", new PagerDutyAlertNormalizer(), "newrelic", new NewRelicAlertNormalizer(),
            "opsgenie", new OpsgenieAlertNormalizer());

    @Param({"generic", "datadog", "pagerduty", "newrelic", "opsgenie"})
    public String source;

    private byte[] body;
    private AlertNormalizer normalizer;

    @Setup
    public void setUp() {
        body = PAYLOADS.get(source).getBytes(StandardCharsets.UTF_8);
        normalizer = NORMALIZERS.get(source);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public String parseNormalizeFingerprint() {
        Map<String, Object> fields = (Map<String, Object>) Json.read(new String(body, StandardCharsets.UTF_8));
        Alert alert = normalizer.normalize(source, fields);
        return Fingerprint.of(alert);
    }
}
