package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.LambdaEvents;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import io.incidentpipeline.handlers.testsupport.SnsEvents.Notification;
import io.incidentpipeline.handlers.testsupport.SnsEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS Budgets and Cost Anomaly Detection notifications, as SNS delivers them and the Lambda runtime
 * reads them, recorded against a real dynalite: the right incidents from good ones, nothing (and
 * no exception) from bad ones, an exception when the table fails.
 */
@ExtendWith(DynaliteExtension.class)
class SnsAlertHandlerTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:incident-pipeline-budgets";
    private static final String PUBLISHED = "2026-11-25T05:59:00.000Z";
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    private Dynalite dynalite;
    private String table;
    private SnsAlertHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        handler = handler(dynalite.client());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            budget-actual-80.txt      | MEDIUM | incident-pipeline-dev | Budget incident-pipeline-dev: actual cost above 80% of $10.00
            budget-actual-100.txt     | HIGH   | incident-pipeline-dev | Budget incident-pipeline-dev: actual cost above 100% of $10.00
            budget-forecasted-100.txt | MEDIUM | incident-pipeline-dev | Budget incident-pipeline-dev: forecasted cost above 100% of $10.00
            budget-daily-actual.txt   | MEDIUM | Sandbox-Daily         | Budget Sandbox Daily: actual cost above 15% of $5.00
            """)
    void shouldOpenTheBudgetIncident_whenABudgetThresholdIsCrossed(String fixture, Severity severity, String service,
            String title) {
        handler.handleRequest(SnsEvents.event(budget(fixture, PUBLISHED)), null);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("aws-budgets");
            assertThat(incident.severity()).isEqualTo(severity);
            assertThat(incident.service()).isEqualTo(service);
            assertThat(incident.category()).isEqualTo("cost");
            assertThat(incident.title()).isEqualTo(title);
            assertThat(incident.labels()).containsEntry("account", "123456789012");
        });
    }

    @Test
    void shouldDescribeTheSpendAgainstTheThreshold_whenABudgetThresholdIsCrossed() {
        handler.handleRequest(SnsEvents.event(budget("budget-actual-80.txt", PUBLISHED)), null);

        assertThat(incidents()).singleElement().extracting(Incident::description).isEqualTo("The ACTUAL cost of budget"
                + " incident-pipeline-dev is $8.52, above its alert threshold of $8.00 (80% of the budgeted $10.00)"
                + " for the current month.");
    }

    @Test
    void shouldCountARepeatAsADuplicate_whenTheSameThresholdIsCrossedAgainInTheMonth() {
        handler.handleRequest(SnsEvents.event(budget("budget-actual-80.txt", "2026-11-25T05:59:00.000Z")), null);
        handler.handleRequest(SnsEvents.event(budget("budget-actual-80.txt", "2026-11-30T23:59:59.000Z")), null);

        assertThat(incidents()).singleElement().extracting(Incident::occurrences).isEqualTo(2L);
    }

    @Test
    void shouldOpenANewIncident_whenTheSameThresholdIsCrossedInANewMonth() {
        handler.handleRequest(SnsEvents.event(budget("budget-actual-80.txt", "2026-11-30T23:59:59.000Z")), null);
        handler.handleRequest(SnsEvents.event(budget("budget-actual-80.txt", "2026-12-01T00:00:01.000Z")), null);

        assertThat(incidents()).hasSize(2).allSatisfy(incident -> assertThat(incident.occurrences()).isEqualTo(1L));
    }

    @Test
    void shouldOpenOneHighIncidentPerAnomaly_whenTheImpactIsOver100Dollars() {
        handler.handleRequest(SnsEvents.event(anomaly("cost-anomaly.json")), null);
        handler.handleRequest(SnsEvents.event(anomaly("cost-anomaly.json")), null);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("aws-cost-anomaly");
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
            assertThat(incident.service()).isEqualTo("AWS-Lambda");
            assertThat(incident.category()).isEqualTo("cost");
            assertThat(incident.title()).isEqualTo("Cost anomaly in AWS Lambda: $151.20 above expected");
            assertThat(incident.description()).contains("$151.20", "$1,301.50 actual", "$1,150.30 expected",
                    "https://console.aws.amazon.com/cost-management/home#/anomaly-detection/monitors/");
            assertThat(incident.occurrences()).isEqualTo(2L);
        });
    }

    @Test
    void shouldNameTheMonitorAsTheService_whenAnAnomalyHasNoRootCause() {
        handler.handleRequest(SnsEvents.event(anomaly("cost-anomaly-no-root-cause.json")), null);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.severity()).isEqualTo(Severity.LOW);
            assertThat(incident.service()).isEqualTo("incident-pipeline-services");
            assertThat(incident.title()).isEqualTo("Cost anomaly in incident-pipeline-services: $4.35 above expected");
        });
    }

    @Test
    void shouldRecordTheNotification_whenTheEventIsTheOneLambdaDelivers() {
        SNSEvent event = LambdaEvents.fixture(SNSEvent.class, "sns/lambda-sns-event.json");

        handler.handleRequest(event, null);

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("aws-budgets");
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        });
    }

    static Stream<Arguments> unacceptableNotifications() {
        String budget = Fixtures.text("sns/budget-actual-80.txt");
        return Stream.of(
                Arguments.of("unknown topic", "arn:aws:sns:us-east-1:123456789012:someone-elses-topic", budget,
                        "unknown_topic"),
                Arguments.of("budget text without its sentence", TOPIC,
                        "AWS Budget Notification November 25, 2026\nAWS Account 123456789012\n\nDear AWS Customer,\n\n"
                                + "Your budget changed.", "malformed_budget_notification"),
                Arguments.of("usage budget", TOPIC, budget.replace("ACTUAL Cost associated with your",
                        "ACTUAL Usage associated with your"), "malformed_budget_notification"),
                Arguments.of("truncated anomaly JSON", TOPIC, "{\"anomalyId\": \"2f4e9a1c\", \"impact\": {",
                        "malformed_cost_anomaly"),
                Arguments.of("anomaly without a numeric impact", TOPIC,
                        "{\"anomalyId\": \"2f4e9a1c\", \"impact\": {\"totalImpact\": \"lots\"}}", "malformed_cost_anomaly"),
                Arguments.of("empty message", TOPIC, "", "empty_message"),
                Arguments.of("blank message", TOPIC, " \n\t ", "empty_message"),
                Arguments.of("message over 64 KiB", TOPIC, budget + "x".repeat(65 * 1024), "message_too_large"),
                Arguments.of("unrecognised message", TOPIC, "Hello from the SNS console", "unrecognised_message"),
                Arguments.of("JSON of another service", TOPIC, "{\"AlarmName\": \"cpu-high\"}", "unrecognised_message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unacceptableNotifications")
    void shouldRejectWithACodeWriteNothingAndNotThrow_whenANotificationIsUnacceptable(String name, String topic,
            String message, String code) {
        SNSEvent event = SnsEvents.event(new Notification(topic, message, PUBLISHED));

        assertThatCode(() -> handler.handleRequest(event, null)).doesNotThrowAnyException();

        assertThat(dynalite.itemCount(table)).as("items written").isZero();
        assertThatThrownBy(() -> handler.normalize(event.getRecords().get(0).getSNS()))
                .isInstanceOfSatisfying(RejectedNotificationException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void shouldRecordOnlyTheGoodOne_whenABatchMixesGoodAndBad() {
        handler.handleRequest(SnsEvents.event(new Notification(TOPIC, "garbage", PUBLISHED),
                anomaly("cost-anomaly.json")), null);

        assertThat(incidents()).extracting(Incident::source).containsExactly("aws-cost-anomaly");
    }

    @Test
    void shouldThrowSoLambdaRetries_whenTheTableIsUnreachable() {
        SnsAlertHandler cutOff = handler(Dynalite.unreachableClient());
        SNSEvent event = SnsEvents.event(anomaly("cost-anomaly.json"));

        assertThatThrownBy(() -> cutOff.handleRequest(event, null)).isInstanceOf(SdkException.class);
    }

    @Test
    void shouldRecordANotificationOnce_whenSnsDeliversItTwice() {
        SNSEvent event = SnsEvents.event(budget("budget-actual-80.txt", PUBLISHED), anomaly("cost-anomaly.json"));

        handler.handleRequest(event, null);
        handler.handleRequest(event, null);

        assertThat(incidents()).hasSize(2).allSatisfy(incident -> assertThat(incident.occurrences()).isEqualTo(1));
    }

    @Test
    void shouldRejectANotification_publishedLongerAgoThanTheDeliveryHorizon_andRecordTheOthers() {
        handler.handleRequest(SnsEvents.event(budget("budget-actual-80.txt", "2026-11-23T05:59:00.000Z"),
                anomaly("cost-anomaly.json")), null);

        assertThat(incidents()).extracting(Incident::source).containsExactly("aws-cost-anomaly");
    }

    private SnsAlertHandler handler(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb) {
        return new SnsAlertHandler(new Environment(Map.of("TABLE_NAME", table, "ALERT_TOPIC_ARNS",
                "arn:aws:sns:us-east-1:123456789012:other-topic, " + TOPIC)), dynamoDb, new MutableClock(NOW));
    }

    private static Notification budget(String fixture, String published) {
        return new Notification(TOPIC, Fixtures.text("sns/" + fixture), published);
    }

    private static Notification anomaly(String fixture) {
        return new Notification(TOPIC, Fixtures.text("sns/" + fixture), PUBLISHED);
    }

    private List<Incident> incidents() {
        return dynalite.currentIncidents(table);
    }
}
