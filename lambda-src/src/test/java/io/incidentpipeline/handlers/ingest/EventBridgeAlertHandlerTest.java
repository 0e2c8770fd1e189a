package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.Provenance;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkException;

/** AWS service events from the default bus, as EventBridge delivers them, against dynalite. */
@ExtendWith(DynaliteExtension.class)
class EventBridgeAlertHandlerTest {
    private static final Map<String, String> ENABLED = Map.of(
            "AWS_EVENT_SOURCES", "aws.cloudwatch,aws.guardduty,aws.securityhub,aws.health",
            "ALLOWED_ACCOUNTS", "123456789012");

    private Dynalite dynalite;
    private String table;
    private EventBridgeAlertHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        handler = handler(dynalite.client());
    }

    private EventBridgeAlertHandler handler(software.amazon.awssdk.services.dynamodb.DynamoDbClient client) {
        Map<String, String> env = new java.util.HashMap<>(ENABLED);
        env.put("TABLE_NAME", table);
        return new EventBridgeAlertHandler(new Environment(env), client, new MutableClock(Instant.parse("2026-11-25T06:00:00Z")));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = EventBridgeAlertHandlerTest.class.getResourceAsStream("/events/aws/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<Incident> incidents() {
        return dynalite.currentIncidents(table);
    }

    @Test
    void shouldOpenAnIncidentPerAlarm_andResolveItWhenTheAlarmReturnsToOk() throws IOException {
        handler.handle(fixture("cloudwatch-alarm.json"));
        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("aws-cloudwatch");
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
            assertThat(incident.service()).isEqualTo("orders-api-5xx");
            assertThat(incident.description()).contains("Threshold Crossed");
        });

        handler.handle(fixture("cloudwatch-ok.json"));

        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
    }

    @Test
    void shouldRateAGuardDutyFindingByItsScore() throws IOException {
        handler.handle(fixture("guardduty-finding.json"));

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.source()).isEqualTo("aws-guardduty");
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
            assertThat(incident.category()).isEqualTo("security");
            assertThat(incident.service()).isEqualTo("Instance");
            assertThat(incident.labels()).isEqualTo(Map.of("type", "UnauthorizedAccess:EC2/SSHBruteForce",
                    "securityGroupId", "sg-0123456789abcdef0"));
        });
    }

    @Test
    void shouldLabelAGuardDutyS3FindingWithItsBucket() throws IOException {
        handler.handle(fixture("guardduty-s3-finding.json"));

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.severity()).isEqualTo(Severity.LOW);
            assertThat(incident.service()).isEqualTo("S3Bucket");
            assertThat(incident.labels()).isEqualTo(Map.of("type", "Policy:S3/BucketBlockPublicAccessDisabled",
                    "s3Bucket", "orders-exports"));
        });
    }

    @Test
    void shouldRecordTheProvenanceOfAGuardDutyFinding_andThePortsItNames() throws IOException {
        handler.handle(fixture("guardduty-port-probe.json"));

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.labels()).containsEntry("findingPorts", "tcp/22")
                    .containsEntry("securityGroupId", "sg-0123456789abcdef0");
            assertThat(incident.provenance()).isEqualTo(new Provenance("aws-eventbridge", "aws/guardduty",
                    "Recon:EC2/PortProbeUnprotectedPort", null, null, "ACTIVE", false, "123456789012", "us-east-1"));
        });
    }

    @ParameterizedTest
    @CsvSource({"INBOUND, TARGET, tcp/22", "OUTBOUND, ACTOR, ''"})
    void shouldNameThePortOfAnInboundConnection_andNoneOfAnOutboundOne(String direction, String role, String ports)
            throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) Json.read(fixture("guardduty-finding.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        detail.put("service", Map.of("serviceName", "guardduty", "resourceRole", role, "archived", false,
                "action", Map.of("actionType", "NETWORK_CONNECTION", "networkConnectionAction", Map.of(
                        "connectionDirection", direction, "protocol", "TCP", "blocked", false,
                        "localPortDetails", Map.of("port", 22, "portName", "SSH"),
                        "remotePortDetails", Map.of("port", 40312, "portName", "Unknown")))));

        handler.handle(Json.write(event));

        assertThat(incidents()).singleElement().satisfies(incident -> assertThat(incident.labels().get("findingPorts"))
                .isEqualTo(ports.isEmpty() ? null : ports));
    }

    @Test
    void shouldRecordASampleFindingAsSample_andTheAccountAndRegionTheFindingNames() throws IOException {
        handler.handle(fixture("guardduty-s3-public-access-granted.json")
                .replace("\"additionalInfo\": {}", "\"additionalInfo\": {\"sample\": true}")
                .replace("\"accountId\": \"123456789012\"", "\"accountId\": \"210987654321\"")
                .replace("\"region\": \"us-east-1\",\n    \"partition\"", "\"region\": \"eu-west-1\",\n    \"partition\""));

        assertThat(incidents()).singleElement().satisfies(incident -> assertThat(incident.provenance())
                .extracting(Provenance::sample, Provenance::awsAccount, Provenance::awsRegion)
                .containsExactly(true, "210987654321", "eu-west-1"));
    }

    @Test
    void shouldRecordTheProductAndControlOfSecurityHubFindings_whoeverImportedThem() throws IOException {
        handler.handle(fixture("securityhub-s3-8.json"));
        handler.handle(fixture("securityhub-third-party.json"));

        assertThat(incidents()).extracting(Incident::provenance).containsExactlyInAnyOrder(
                new Provenance("aws-eventbridge", "aws/securityhub", null, "S3.8", "FAILED", "NEW", false,
                        "123456789012", "us-east-1"),
                new Provenance("aws-eventbridge", "123456789012/default", null, "S3.8", "FAILED", "NEW", false,
                        "123456789012", "us-east-1"));
    }

    @Test
    void shouldOpenOneIncidentPerSecurityHubFindingInABatch() throws IOException {
        handler.handle(fixture("securityhub-findings.json"));

        assertThat(incidents()).extracting(Incident::severity, Incident::service).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Severity.HIGH, "AwsS3Bucket"),
                org.assertj.core.groups.Tuple.tuple(Severity.CRITICAL, "AwsEc2SecurityGroup"));
        assertThat(incidents()).extracting(Incident::labels).containsExactlyInAnyOrder(
                Map.of("workflow", "NEW", "resourceArn", "arn:aws:s3:::orders-exports", "resourceType", "AwsS3Bucket",
                        "s3Bucket", "orders-exports"),
                Map.of("workflow", "NEW",
                        "resourceArn", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0",
                        "resourceType", "AwsEc2SecurityGroup", "securityGroupId", "sg-0123456789abcdef0"));
    }

    @Test
    void shouldLabelOnlyWhatAFindingNames_andCutLongLabelValues() throws IOException {
        String longId = "arn:aws:iam::123456789012:role/" + "r".repeat(300);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) Json.read(fixture("securityhub-findings.json"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) ((Map<String, Object>) event.get("detail")).get("findings");
        findings.get(0).put("Resources", List.of(Map.of("Type", "AwsIamRole", "Id", longId)));
        findings.get(1).put("Other", findings.get(1).remove("Resources"));
        handler.handle(Json.write(event));

        assertThat(incidents()).extracting(Incident::labels).containsExactlyInAnyOrder(
                Map.of("workflow", "NEW", "resourceArn", longId.substring(0, 256), "resourceType", "AwsIamRole"),
                Map.of("workflow", "NEW"));
    }

    @Test
    void shouldTrackAnAwsHealthIssueUntilItCloses() throws IOException {
        handler.handle(fixture("health-event.json"));
        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
            assertThat(incident.service()).isEqualTo("lambda");
            assertThat(incident.title()).isEqualTo("AWS Health: AWS_LAMBDA_OPERATIONAL_ISSUE");
        });

        handler.handle(fixture("health-closed.json"));

        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
    }

    @Test
    void shouldWriteNothing_whenTheEventIsFromAnotherAccountOrSourceOrMalformed() throws IOException {
        handler.handle(fixture("guardduty-finding.json").replace("\"account\":\"123456789012\"", "\"account\":\"999999999999\""));
        handler.handle(fixture("guardduty-finding.json").replace("\"source\":\"aws.guardduty\"", "\"source\":\"aws.inspector2\""));
        handler.handle(fixture("guardduty-finding.json").replace("\"id\":\"16afba5c5c43e07c9e3e5e2e544e95df\",", ""));
        handler.handle("{\"detail-type\": \"no detail\"}");
        handler.handle("not json");

        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldNotReopenTheAlarmsIncident_whenItsAlarmEventIsRedeliveredOrAnotherCopyArrivesAfterTheOk() throws IOException {
        String alarm = fixture("cloudwatch-alarm.json");
        handler.handle(alarm);
        handler.handle(fixture("cloudwatch-ok.json"));

        handler.handle(alarm);
        handler.handle(alarm.replace("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92", "d5d2d2d0-7653-f72c-7f01-9d5e47a44b03"));

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(incident.occurrences()).isEqualTo(1);
            assertThat(incident.openedAt()).isEqualTo(Instant.parse("2026-11-25T05:59:00Z"));
            assertThat(incident.resolvedAt()).isEqualTo(Instant.parse("2026-11-25T05:59:40Z"));
        });
    }

    @Test
    void shouldLeaveTheNewIncidentOpen_whenAnOkOfTheEarlierAlarmArrivesAfterTheAlarmFiredAgain() throws IOException {
        handler.handle(fixture("cloudwatch-alarm.json"));
        String ok = fixture("cloudwatch-ok.json");
        handler.handle(ok);
        handler.handle(fixture("cloudwatch-alarm.json").replace("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
                "e6e3e3e1-8764-a83d-8a12-ae6f58b55c14").replace("2026-11-25T05:59:00.000+0000", "2026-11-25T05:59:55.000+0000"));

        handler.handle(ok.replace("0a7b3f2e-91c4-4d8a-b6e5-3c2d1f0e9a8b", "1b8c4a3f-a2d5-4e9b-c7f6-4d3e2a1f0b9c"));

        assertThat(incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
            assertThat(incident.openedAt()).isEqualTo(Instant.parse("2026-11-25T05:59:55Z"));
            assertThat(incident.previousIncidentId()).isNotNull();
        });
    }

    @Test
    void shouldRecordEveryValidFindingOfABatch_whenOneFindingIsMalformed() throws IOException {
        String batch = fixture("securityhub-findings.json").replace("\"findings\":[",
                "\"findings\":[{\"Title\":\"A finding without an Id\",\"Severity\":{\"Label\":\"HIGH\"}},\"not a finding\",");

        handler.handle(batch);

        assertThat(incidents()).extracting(Incident::severity).containsExactlyInAnyOrder(Severity.HIGH, Severity.CRITICAL);
    }

    @Test
    void shouldRecordEachFindingOfABatchOnce_whenEventBridgeRedeliversTheEvent() throws IOException {
        handler.handle(fixture("securityhub-findings.json"));
        handler.handle(fixture("securityhub-findings.json"));

        assertThat(incidents()).hasSize(2).allSatisfy(incident -> assertThat(incident.occurrences()).isEqualTo(1));
    }

    @Test
    void shouldRecordAFindingNested20LevelsDeep_withADescriptionLongerThanAWebhookMayCarry() throws IOException {
        StringBuilder details = new StringBuilder("\"leaf\"");
        for (int level = 0; level < 20; level++) {
            details.insert(0, "{\"level" + level + "\":").append('}');
        }
        String description = "Bucket orders-exports allows public access. " + "x".repeat(70_000);
        String deep = fixture("securityhub-findings.json")
                .replace("\"Description\": \"This control checks s3 general purpose buckets should block public access.\"",
                        "\"Description\": \"" + description + "\"")
                .replace("\"Id\": \"arn:aws:s3:::orders-exports\",", "\"Id\": \"arn:aws:s3:::orders-exports\", \"Details\": " + details + ",");
        assertThat(deep).contains("level19").contains("x".repeat(70_000));

        handler.handle(deep);

        assertThat(incidents()).hasSize(2).anySatisfy(incident -> {
            assertThat(incident.service()).isEqualTo("AwsS3Bucket");
            assertThat(incident.description()).hasSize(4096).startsWith("Bucket orders-exports allows public access.");
        });
    }

    @Test
    void shouldRejectAFinding_thatHappenedLongerAgoThanTheDeliveryHorizon() throws IOException {
        handler.handle(fixture("guardduty-finding.json").replace("\"updatedAt\":\"2026-11-25T05:58:00.000Z\"",
                "\"updatedAt\":\"2026-11-22T05:58:00.000Z\""));

        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldWriteNothing_whenAnAlarmHasInsufficientData() throws IOException {
        handler.handle(fixture("cloudwatch-alarm.json").replace("\"value\":\"ALARM\"", "\"value\":\"INSUFFICIENT_DATA\""));

        assertThat(dynalite.itemCount(table)).isZero();
    }

    @Test
    void shouldThrowSoEventBridgeRetries_whenTheTableIsUnreachable() throws IOException {
        String event = fixture("guardduty-finding.json");

        assertThatThrownBy(() -> handler(Dynalite.unreachableClient()).handle(event)).isInstanceOf(SdkException.class);
    }
}
