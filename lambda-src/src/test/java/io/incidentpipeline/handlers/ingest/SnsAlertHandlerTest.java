package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS Budgets and Cost Anomaly Detection notifications, as SNS delivers them, recorded against a
 * real dynalite: the right incidents from good ones, nothing from bad ones.
 */
@ExtendWith(DynaliteExtension.class)
class SnsAlertHandlerTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:incident-pipeline-dev-cost-alerts";
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    private Dynalite dynalite;
    private String table;
    private SnsAlertHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        handler = handler(dynalite, table);
    }

    private static SnsAlertHandler handler(Dynalite dynalite, String table) {
        return new SnsAlertHandler(new Environment(Map.of("TABLE_NAME", table, "ALERT_TOPIC_ARNS", TOPIC)),
                dynalite.client(), new MutableClock(NOW));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = SnsAlertHandlerTest.class.getResourceAsStream("/events/sns/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An SNS event as Lambda delivers it, one record per (topic, message, timestamp). */
    private static String snsEvent(String... topicMessageTimestamp) {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < topicMessageTimestamp.length; i += 3) {
            records.add(Map.of("EventSource", "aws:sns", "EventVersion", "1.0", "Sns", Map.of(
                    "Type", "Notification", "MessageId", "m-" + i, "TopicArn", topicMessageTimestamp[i],
                    "Subject", "AWS Notification", "Message", topicMessageTimestamp[i + 1],
                    "Timestamp", topicMessageTimestamp[i + 2])));
        }
        return Json.write(Map.of("Records", records));
    }

    private List<Incident> incidents() {
        List<Incident> found = new ArrayList<>();
        dynalite.client().scan(b -> b.tableName(table)).items().forEach(item -> found.add(Incident.fromItem(item)));
        return found;
    }

    @Test
    void shouldOpenAMediumIncidentNamingTheBudget_whenActualCostPassesEightyPercent() throws IOException {
        handler.handle(snsEvent(TOPIC, fixture("budget-actual-80.txt"), "2026-11-25T05:59:00.000Z"));

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("aws-budgets");
            assertThat(incident.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(incident.service()).isEqualTo("incident-pipeline-dev");
            assertThat(incident.category()).isEqualTo("cost");
            assertThat(incident.title()).isEqualTo("Budget incident-pipeline-dev: actual cost above 80% of $10.00");
            assertThat(incident.description()).contains("now $8.52");
        });
    }

    @Test
    void shouldRateASpentBudgetHigh_andAForecastMedium() throws IOException {
        handler.handle(snsEvent(TOPIC, fixture("budget-actual-100.txt"), "2026-11-25T05:59:00.000Z",
                TOPIC, fixture("budget-forecasted-100.txt"), "2026-11-25T05:59:00.000Z"));

        assertThat(incidents()).extracting(Incident::title, Incident::severity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Budget incident-pipeline-dev: actual cost above 100% of $10.00",
                        Severity.HIGH),
                org.assertj.core.groups.Tuple.tuple("Budget incident-pipeline-dev: forecasted cost above 100% of $10.00",
                        Severity.MEDIUM));
    }

    @Test
    void shouldCountARepeatAsADuplicate_andOpenANewIncidentNextMonth() throws IOException {
        String message = fixture("budget-actual-80.txt");
        handler.handle(snsEvent(TOPIC, message, "2026-11-25T05:59:00.000Z"));
        handler.handle(snsEvent(TOPIC, message, "2026-11-26T05:59:00.000Z"));
        assertThat(incidents()).singleElement().satisfies(incident -> assertThat(incident.occurrences()).isEqualTo(2L));

        handler.handle(snsEvent(TOPIC, message, "2026-12-25T05:59:00.000Z"));
        assertThat(incidents()).hasSize(2);
    }

    @Test
    void shouldOpenAHighIncidentPerAnomaly_whenTheImpactIsOverOneHundredDollars() throws IOException {
        handler.handle(snsEvent(TOPIC, fixture("cost-anomaly.json"), "2026-11-25T05:59:00.000Z"));
        handler.handle(snsEvent(TOPIC, fixture("cost-anomaly.json"), "2026-11-25T06:09:00.000Z"));

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("aws-cost-anomaly");
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
            assertThat(incident.service()).isEqualTo("AWS-Lambda");
            assertThat(incident.title()).isEqualTo("Cost anomaly in AWS Lambda: $151.20 above expected");
            assertThat(incident.description()).contains("anomaly-detection/monitors/7b8c");
            assertThat(incident.occurrences()).isEqualTo(2L);
        });
    }

    @Test
    void shouldWriteNothingAndNotThrow_whenANotificationIsUnacceptable() throws IOException {
        String budget = fixture("budget-actual-80.txt");
        handler.handle(snsEvent(
                "arn:aws:sns:us-east-1:123456789012:someone-elses-topic", budget, "2026-11-25T05:59:00.000Z",
                TOPIC, "AWS Budget Notification November 25, 2026\nDear AWS Customer, something changed.", "2026-11-25T05:59:00.000Z",
                TOPIC, "{\"anomalyId\": \"x\", \"impact\": {\"totalImpact\": \"lots\"}}", "2026-11-25T05:59:00.000Z",
                TOPIC, "{\"anomalyId\": ", "2026-11-25T05:59:00.000Z",
                TOPIC, "", "2026-11-25T05:59:00.000Z",
                TOPIC, "Hello from a topic test", "2026-11-25T05:59:00.000Z",
                TOPIC, "AWS Budget Notification " + "x".repeat(70_000), "2026-11-25T05:59:00.000Z"));
        handler.handle("{\"not\": \"an sns event\"}");

        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldRecordOnlyTheGoodOne_whenABatchMixesGoodAndBad() throws IOException {
        handler.handle(snsEvent(TOPIC, "garbage", "2026-11-25T05:59:00.000Z",
                TOPIC, fixture("cost-anomaly.json"), "2026-11-25T05:59:00.000Z"));

        assertThat(incidents()).extracting(Incident::source).containsExactly("aws-cost-anomaly");
    }

    @Test
    void shouldThrowSoLambdaRetries_whenTheTableIsUnreachable() throws IOException {
        SnsAlertHandler unreachable = new SnsAlertHandler(new Environment(Map.of("TABLE_NAME", table,
                "ALERT_TOPIC_ARNS", TOPIC)), Dynalite.unreachableClient(), new MutableClock(NOW));
        String event = snsEvent(TOPIC, fixture("cost-anomaly.json"), "2026-11-25T05:59:00.000Z");

        assertThatThrownBy(() -> unreachable.handle(event)).isInstanceOf(SdkException.class);
    }
}
