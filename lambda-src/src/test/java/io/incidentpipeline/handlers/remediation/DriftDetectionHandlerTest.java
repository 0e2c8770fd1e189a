package io.incidentpipeline.handlers.remediation;

import static io.incidentpipeline.handlers.remediation.DriftDetectorTest.QUEUE_MODIFIED;
import static io.incidentpipeline.handlers.remediation.DriftDetectorTest.TABLE_IN_SYNC;
import static io.incidentpipeline.handlers.remediation.DriftDetectorTest.TOPIC_DELETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.remediation.FakeCloudFormation.Stack;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentRepository;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** The scheduled drift check, recording into dynalite what a fake CloudFormation reports. */
@ExtendWith(DynaliteExtension.class)
class DriftDetectionHandlerTest {
    private final FakeCloudFormation fake = new FakeCloudFormation();
    private final CloudFormationClient cfn = DriftDetectorTest.cloudFormation(fake);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
    private Dynalite dynalite;
    private String table;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
    }

    @AfterEach
    void stop() {
        cfn.close();
        fake.close();
    }

    private DriftDetectionHandler handler(List<String> stacks) {
        return new DriftDetectionHandler(new DriftDetector(cfn, clock, clock::advance),
                new IncidentRepository(dynalite.client(), table, Dynalite.REGION), stacks, clock);
    }

    private List<Incident> incidents() {
        return dynalite.currentIncidents(table);
    }

    @Test
    void shouldOpenAnIncidentPerDriftedResource_andCountTheSameDriftLaterAsAnOccurrence() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED, TABLE_IN_SYNC, TOPIC_DELETED), 1, null));
        DriftDetectionHandler handler = handler(List.of("orders-old", "orders-prod"));

        Map<String, Object> first = handler.handleRequest(Map.of(), null);

        assertThat(first).isEqualTo(Map.of("stacksChecked", 1, "drifted", 2, "incidents", 2,
                "failedStacks", Map.of("orders-old", "could not start drift detection: Stack with id orders-old does not exist")));
        assertThat(incidents()).extracting(Incident::title, Incident::severity, Incident::service, Incident::category,
                Incident::status, Incident::occurrences).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Drift in orders-prod: OrdersQueue (AWS::SQS::Queue) MODIFIED",
                        Severity.MEDIUM, "orders-prod", "drift", IncidentStatus.OPEN, 1L),
                org.assertj.core.groups.Tuple.tuple("Drift in orders-prod: AlarmTopic (AWS::SNS::Topic) DELETED",
                        Severity.HIGH, "orders-prod", "drift", IncidentStatus.OPEN, 1L));
        assertThat(incidents()).allSatisfy(incident -> assertThat(incident.source()).isEqualTo("aws-cloudformation-drift"));
        clock.advance(Duration.ofHours(1));

        Map<String, Object> second = handler.handleRequest(Map.of(), null);

        assertThat(second).containsEntry("drifted", 2).containsEntry("incidents", 0);
        assertThat(incidents()).hasSize(2).allSatisfy(incident -> {
            assertThat(incident.occurrences()).isEqualTo(2);
            assertThat(incident.lastSeenAt()).isEqualTo(Instant.parse("2026-11-25T07:00:10Z"));
        });
    }

    @Test
    void shouldRecordNothing_whenNoResourceDrifted() {
        fake.stack("orders-prod", new Stack(List.of(TABLE_IN_SYNC), 0, null));

        Map<String, Object> summary = handler(List.of("orders-prod")).handleRequest(Map.of(), null);

        assertThat(summary).isEqualTo(Map.of("stacksChecked", 1, "drifted", 0, "incidents", 0, "failedStacks", Map.of()));
        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldStopWaitingInTimeToRecord_beforeLambdasTimeout() {
        fake.stack("orders-prod", new Stack(List.of(QUEUE_MODIFIED), 1000, null));

        Map<String, Object> summary = handler(List.of("orders-prod")).handleRequest(Map.of(), remaining(Duration.ofSeconds(60)));

        assertThat(summary).containsEntry("stacksChecked", 0);
        assertThat(summary.get("failedStacks")).asString().contains("did not finish by 2026-11-25T06:00:30Z");
    }

    @Test
    void shouldReadTheStackNamesOnce_andRejectAListWithNone() {
        assertThat(DriftDetectionHandler.stackNames(" orders-prod, payments-prod,,orders-prod "))
                .containsExactly("orders-prod", "payments-prod");
        assertThatThrownBy(() -> DriftDetectionHandler.stackNames(" , "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DRIFT_STACK_NAMES");
    }

    /** @return a Lambda context with this much time left */
    private static Context remaining(Duration left) {
        return new Context() {
            @Override
            public int getRemainingTimeInMillis() {
                return (int) left.toMillis();
            }

            @Override
            public String getAwsRequestId() {
                return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
            }

            @Override
            public String getLogGroupName() {
                return null;
            }

            @Override
            public String getLogStreamName() {
                return null;
            }

            @Override
            public String getFunctionName() {
                return "drift-detection";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return null;
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 512;
            }

            @Override
            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
