package io.incidentpipeline.handlers.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.remediation.FakeCloudFormation.Difference;
import io.incidentpipeline.handlers.remediation.FakeCloudFormation.ResourceDrift;
import io.incidentpipeline.handlers.remediation.FakeCloudFormation.Stack;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** Drift detection through a real CloudFormation client, against a fake CloudFormation. */
class DriftDetectorTest {
    static final ResourceDrift QUEUE_MODIFIED = new ResourceDrift("OrdersQueue",
            "https://sqs.us-east-1.amazonaws.com/123456789012/orders", "AWS::SQS::Queue", "MODIFIED",
            List.of(new Difference("/VisibilityTimeout", "30", "60", "NOT_EQUAL"),
                    new Difference("/RedrivePolicy/maxReceiveCount", "5", "50", "NOT_EQUAL")));
    static final ResourceDrift TOPIC_DELETED = new ResourceDrift("AlarmTopic",
            "arn:aws:sns:us-east-1:123456789012:orders-alarms", "AWS::SNS::Topic", "DELETED", List.of());
    static final ResourceDrift TABLE_IN_SYNC = new ResourceDrift("OrdersTable", "orders", "AWS::DynamoDB::Table",
            "IN_SYNC", List.of());

    private final FakeCloudFormation fake = new FakeCloudFormation();
    private final CloudFormationClient cfn = cloudFormation(fake);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final DriftDetector detector = new DriftDetector(cfn, clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });

    static CloudFormationClient cloudFormation(FakeCloudFormation fake) {
        return CloudFormationClient.builder()
                .endpointOverride(fake.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        cfn.close();
        fake.close();
    }

    private Instant inMinutes(int minutes) {
        return clock.instant().plus(Duration.ofMinutes(minutes));
    }

    @Test
    void shouldTurnEachModifiedOrDeletedResourceIntoAnAlert() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED, TABLE_IN_SYNC, TOPIC_DELETED), 0, null));

        List<StackDrift> results = detector.detect(List.of("orders-prod"), inMinutes(10));

        assertThat(results).singleElement().satisfies(stack -> {
            assertThat(stack.checked()).isTrue();
            assertThat(stack.problem()).isNull();
            // When they happened is the drift's detection time, which the fake leaves out: the clock's then.
            assertThat(stack.alerts()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("occurredAt")
                    .containsExactly(
                    new Alert("aws-cloudformation-drift", Severity.MEDIUM,
                            "Drift in orders-prod: OrdersQueue (AWS::SQS::Queue) MODIFIED",
                            "/VisibilityTimeout: expected 30, actual 60 (NOT_EQUAL)\n"
                                    + "/RedrivePolicy/maxReceiveCount: NOT_EQUAL, values withheld",
                            "orders-prod", "drift", "orders-prod|OrdersQueue|MODIFIED",
                            Map.of("stack", "orders-prod", "logicalResourceId", "OrdersQueue",
                                    "physicalResourceId", "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
                                    "resourceType", "AWS::SQS::Queue", "driftStatus", "MODIFIED"), Instant.EPOCH),
                    new Alert("aws-cloudformation-drift", Severity.HIGH,
                            "Drift in orders-prod: AlarmTopic (AWS::SNS::Topic) DELETED",
                            "The resource arn:aws:sns:us-east-1:123456789012:orders-alarms no longer exists; the stack"
                                    + " still expects it.",
                            "orders-prod", "drift", "orders-prod|AlarmTopic|DELETED",
                            Map.of("stack", "orders-prod", "logicalResourceId", "AlarmTopic",
                                    "physicalResourceId", "arn:aws:sns:us-east-1:123456789012:orders-alarms",
                                    "resourceType", "AWS::SNS::Topic", "driftStatus", "DELETED"), Instant.EPOCH));
        });
    }

    @Test
    void shouldAskForModifiedAndDeletedResourcesOnly_andFollowNextToken() {
        fake.pageSize(1);
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED, TABLE_IN_SYNC, TOPIC_DELETED,
                new ResourceDrift("OrdersFunction", "orders-handler", "AWS::Lambda::Function", "MODIFIED",
                        List.of(new Difference("/MemorySize", "512", "1024", "NOT_EQUAL")))), 0, null));

        List<StackDrift> results = detector.detect(List.of("orders-prod"), inMinutes(10));

        assertThat(results.get(0).alerts()).extracting(alert -> alert.labels().get("logicalResourceId"))
                .containsExactly("OrdersQueue", "AlarmTopic", "OrdersFunction");
        assertThat(fake.calls("DescribeStackResourceDrifts")).extracting(call -> call.get("NextToken"))
                .containsExactly(null, "next-1", "next-2");
        assertThat(fake.calls("DescribeStackResourceDrifts")).allSatisfy(call -> assertThat(call)
                .containsEntry("StackName", "orders-prod")
                .containsEntry("StackResourceDriftStatusFilters.member.1", "MODIFIED")
                .containsEntry("StackResourceDriftStatusFilters.member.2", "DELETED"));
    }

    @Test
    void shouldPollUntilTheDetectionCompletes_waitingBetweenPolls() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED), 3, null));

        List<StackDrift> results = detector.detect(List.of("orders-prod"), inMinutes(10));

        assertThat(results.get(0).alerts()).hasSize(1);
        assertThat(fake.calls("DescribeStackDriftDetectionStatus")).hasSize(4);
        assertThat(sleeps).containsExactly(DriftDetector.POLL_INTERVAL, DriftDetector.POLL_INTERVAL,
                DriftDetector.POLL_INTERVAL);
    }

    @Test
    void shouldStartEveryDetectionFirst_soTheStacksAreCheckedInParallel() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED), 2, null));
        fake.stack("payments-prod", new Stack(List.of(TOPIC_DELETED), 2, null));

        List<StackDrift> results = detector.detect(List.of("orders-prod", "payments-prod"), inMinutes(10));

        assertThat(results).extracting(StackDrift::stackName).containsExactly("orders-prod", "payments-prod");
        assertThat(results).allSatisfy(stack -> assertThat(stack.alerts()).hasSize(1));
        assertThat(fake.calls()).extracting(call -> call.get("Action")).startsWith("DetectStackDrift", "DetectStackDrift");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void shouldReportAStackThatDoesNotExist_andStillCheckTheOthers() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED), 0, null));

        List<StackDrift> results = detector.detect(List.of("orders-old", "orders-prod"), inMinutes(10));

        assertThat(results.get(0)).isEqualTo(StackDrift.failed("orders-old",
                "could not start drift detection: Stack with id orders-old does not exist"));
        assertThat(results.get(1).checked()).isTrue();
        assertThat(results.get(1).alerts()).hasSize(1);
    }

    @Test
    void shouldReportAFailedDetection_withTheDriftOfTheResourcesItCouldCheck() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED), 1,
                "Failed to detect drift on resource [OrdersWidget]: Internal Failure"));

        StackDrift result = detector.detect(List.of("orders-prod"), inMinutes(10)).get(0);

        assertThat(result.checked()).isTrue();
        assertThat(result.alerts()).hasSize(1);
        assertThat(result.problem()).contains("failed for some resources",
                "Failed to detect drift on resource [OrdersWidget]: Internal Failure");
    }

    @Test
    void shouldGiveUpAtTheDeadline_sayingWhatDidNotFinish() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED), 1000, null));
        fake.stack("payments-prod", new Stack(List.of(TOPIC_DELETED), 0, null));
        Instant deadline = clock.instant().plus(Duration.ofSeconds(30));

        List<StackDrift> results = detector.detect(List.of("orders-prod", "payments-prod"), deadline);

        assertThat(results.get(0).checked()).isFalse();
        assertThat(results.get(0).problem()).contains("did not finish by 2026-11-25T06:00:30Z",
                "the next run checks the stack again");
        assertThat(results.get(1).alerts()).hasSize(1);
        assertThat(sleeps).hasSize(6);
        assertThat(fake.calls("DescribeStackResourceDrifts")).extracting(call -> call.get("StackName"))
                .containsExactly("payments-prod");
    }

    @Test
    void shouldKeepTitlesDescriptionsAndLabelsWithinTheirLimits() {
        String stack = "s".repeat(128);
        String logicalId = "L".repeat(255);
        List<Difference> differences = IntStream.range(0, 100)
                .mapToObj(i -> new Difference("/Tags/" + i + "/Value", "expected-value-" + i, "actual-value-" + i,
                        "NOT_EQUAL")).toList();
        fake.stack(stack, new Stack(List.of(new ResourceDrift(logicalId, "p".repeat(300), "AWS::S3::Bucket", "MODIFIED",
                differences)), 0, null));

        Alert alert = detector.detect(List.of(stack), inMinutes(10)).get(0).alerts().get(0);

        assertThat(alert.title()).hasSize(256).startsWith("Drift in " + stack + ": LLL");
        assertThat(alert.description()).hasSize(4096).startsWith("/Tags/0/Value: NOT_EQUAL, values withheld\n/Tags/1/Value")
                .doesNotContain("expected-value", "actual-value");
        assertThat(alert.dedupKey()).hasSize(256);
        assertThat(alert.service()).isEqualTo(stack);
        assertThat(alert.labels().values()).allSatisfy(value -> assertThat(value.length()).isLessThanOrEqualTo(256));
        assertThat(alert.labels().get("physicalResourceId")).hasSize(256);
    }

    @Test
    void shouldNameDriftedPropertiesWithoutTheirValues_unlessThePropertyIsOnTheSafeList() {
        fake.stack("orders-prod", new Stack(List.of(new ResourceDrift("OrdersFunction", "orders-handler",
                "AWS::Lambda::Function", "MODIFIED", List.of(
                        new Difference("/Environment/Variables/PAYMENT_API_TOKEN", "tok_live_expected", "tok_live_actual",
                                "NOT_EQUAL"),
                        new Difference("/Environment/Variables/DEBUG", "", "true", "ADD"),
                        new Difference("/MemorySize", "512", "1024", "NOT_EQUAL")))), 0, null));

        Alert alert = detector.detect(List.of("orders-prod"), inMinutes(10)).get(0).alerts().get(0);

        assertThat(alert.description()).isEqualTo("/Environment/Variables/PAYMENT_API_TOKEN: NOT_EQUAL, values withheld\n"
                + "/Environment/Variables/DEBUG: ADD, values withheld\n"
                + "/MemorySize: expected 512, actual 1024 (NOT_EQUAL)");
        assertThat(alert.description() + alert.title() + alert.labels()).doesNotContain("tok_live");
    }
}
