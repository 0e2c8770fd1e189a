package io.incidentpipeline.handlers.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.ingest.EventBridgeAlertHandler;
import io.incidentpipeline.handlers.playbook.PlaybookAction;
import io.incidentpipeline.handlers.playbook.PlaybookHandler;
import io.incidentpipeline.handlers.playbook.PlaybookIncidents;
import io.incidentpipeline.handlers.playbook.PlaybookRuns;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.EventBridgeStub;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.IncidentItems;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import io.incidentpipeline.handlers.testsupport.StreamRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The built-in remediations end to end against dynalite and the fake EC2 and S3: real finding
 * shapes from the default bus through the EventBridge intake, the publisher's {@code Incident Opened},
 * and the playbook, which re-reads the incident and checks its provenance before acting. The events
 * the publisher emitted are kept in {@code target/remediation-events} for the template tests, which
 * match them against the deployed rules with Event Ruler.
 */
@ExtendWith(DynaliteExtension.class)
class RemediationPlaybooksTest {
    /** The trigger allow-lists as the constructs deploy them (Remediation's defaults). */
    static final String REVOKE_TRIGGERS = "[{\"product\":\"aws/securityhub\",\"controlIds\":[\"EC2.13\",\"EC2.14\","
            + "\"EC2.18\",\"EC2.19\"],\"findingStates\":[\"NEW\"],\"complianceStatuses\":[\"FAILED\"],"
            + "\"minimumSeverity\":\"medium\"},{\"product\":\"aws/guardduty\",\"findingTypes\":["
            + "\"Recon:EC2/PortProbeUnprotectedPort\",\"Recon:EC2/PortProbeEMRUnprotectedPort\","
            + "\"UnauthorizedAccess:EC2/SSHBruteForce\",\"UnauthorizedAccess:EC2/RDPBruteForce\"],"
            + "\"findingStates\":[\"ACTIVE\"],\"minimumSeverity\":\"low\"}]";
    static final String BLOCK_TRIGGERS = "[{\"product\":\"aws/securityhub\",\"controlIds\":[\"S3.2\",\"S3.3\",\"S3.8\"],"
            + "\"findingStates\":[\"NEW\"],\"complianceStatuses\":[\"FAILED\"],\"minimumSeverity\":\"medium\"},"
            + "{\"product\":\"aws/guardduty\",\"findingTypes\":[\"Policy:S3/BucketAnonymousAccessGranted\","
            + "\"Policy:S3/BucketPublicAccessGranted\"],\"findingStates\":[\"ACTIVE\"],\"minimumSeverity\":\"medium\"}]";
    private static final Path EVENTS = Path.of(System.getProperty("user.dir"), "target", "remediation-events");
    private static final String GROUP = "sg-0123456789abcdef0";
    private static final String BUCKET = "orders-exports";

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
    private final FakeEc2 ec2 = new FakeEc2();
    private final FakeS3 s3 = new FakeS3();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private EventBridgeStub bus;
    private EventBridgeClient eventBridge;
    private S3Client s3Client;
    private final Set<String> published = new HashSet<>();

    @BeforeAll
    static void emptyEventDirectory() throws IOException {
        Files.createDirectories(EVENTS);
        try (var old = Files.list(EVENTS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
    }

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        bus = new EventBridgeStub();
        eventBridge = EventBridgeClient.builder().endpointOverride(bus.endpoint()).httpClient(http)
                .region(Region.US_EAST_1).credentialsProvider(credentials()).build();
        s3Client = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(http).build();
        ec2.add(RevokeOpenIngressActionTest.ingress("sgr-0aaa0000000000022", "tcp", 22, 22, "0.0.0.0/0"),
                RevokeOpenIngressActionTest.ingress("sgr-0aaa0000000003389", "tcp", 3389, 3389, "0.0.0.0/0"),
                RevokeOpenIngressActionTest.ingress("sgr-0ddd0000000000443", "tcp", 443, 443, "0.0.0.0/0"));
        s3.addBucket(BUCKET);
        s3.addBucket("www-example-com");
    }

    @AfterEach
    void tearDown() {
        eventBridge.close();
        s3Client.close();
        bus.close();
        ec2.close();
        s3.close();
        http.close();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    }

    /**
     * Delivers an AWS event to the intake, publishes what it wrote, and returns the {@code Incident
     * Opened} events, each also kept as {@code target/remediation-events/<name>-<n>.json}.
     */
    private List<Map<String, Object>> open(String name, String eventJson) {
        Map<String, String> env = Map.of("TABLE_NAME", table, "AWS_EVENT_SOURCES", "aws.guardduty,aws.securityhub",
                "ALLOWED_ACCOUNTS", "123456789012");
        try {
            new EventBridgeAlertHandler(new Environment(env), dynalite.client(), clock).handleRequest(
                    new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int before = bus.events().size();
        List<Map<String, AttributeValue>> items = dynalite.client().scan(b -> b.tableName(table)).items().stream()
                .filter(item -> ItemKeys.isIncident(item.get("pk").s(), item.get("sk").s()))
                .filter(item -> published.add(item.get("incidentId").s())).toList();
        new StreamPublisher(eventBridge, "incident-bus", dynalite.client(), table).handleRequest(
                StreamRecords.event(items.stream().map(StreamRecords::insert).toList()), null);
        List<Map<String, Object>> opened = bus.events().subList(before, bus.events().size()).stream()
                .filter(event -> "Incident Opened".equals(event.get("detail-type"))).toList();
        for (int i = 0; i < opened.size(); i++) {
            try {
                Files.writeString(EVENTS.resolve(name + "-" + (i + 1) + ".json"), Json.write(opened.get(i)) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return opened;
    }

    private List<Map<String, Object>> open(String fixture) {
        return open(fixture.replace(".json", ""), Fixtures.text("aws/" + fixture));
    }

    private PlaybookHandler revoke() {
        return playbook("revoke-open-ingress", new RevokeOpenIngressAction(new Ec2QueryClient(http, ec2.endpoint(),
                Region.US_EAST_1, credentials()), "123456789012", Set.of(80, 443)), REVOKE_TRIGGERS);
    }

    private PlaybookHandler block() {
        return playbook("block-public-bucket", new BlockPublicBucketAction(s3Client, "123456789012"), BLOCK_TRIGGERS);
    }

    private PlaybookHandler playbook(String name, PlaybookAction action, String triggers) {
        RemediationTriggers guard = RemediationTriggers.fromEnvironment(new Environment(Map.of(
                "REMEDIATION_TRIGGERS", triggers, "ACCOUNT_ID", "123456789012", "AWS_REGION", "us-east-1")));
        return new PlaybookHandler(new PlaybookRuns(dynalite.client(), table, name),
                new PlaybookIncidents(dynalite.client(), table), action, guard, false, 2, clock);
    }

    private static String edit(String fixture, UnaryOperator<String> change) {
        return change.apply(Fixtures.text("aws/" + fixture));
    }

    @Test
    void shouldRevokeOnlyTheProbedPort_forAGuardDutyPortProbe() {
        Map<String, Object> answer = revoke().handleRequest(open("guardduty-port-probe.json").get(0), null);

        assertThat(answer).containsEntry("outcome", "SUCCEEDED")
                .containsEntry("changes", List.of("revoke sgr-0aaa0000000000022: tcp 22-22 from 0.0.0.0/0"));
        assertThat(ec2.ruleIds()).containsExactly("sgr-0aaa0000000003389", "sgr-0ddd0000000000443");
    }

    @Test
    void shouldRevokeEveryWorldOpenRuleButThePublicPorts_forControlEc2Dot19() {
        Map<String, Object> answer = revoke().handleRequest(open("securityhub-ec2-19.json").get(0), null);

        assertThat(answer).containsEntry("outcome", "SUCCEEDED");
        assertThat(ec2.ruleIds()).containsExactly("sgr-0ddd0000000000443");
    }

    @Test
    void shouldBlockTheBucket_forControlS3Dot8AndGuardDutysPublicAccessFinding() {
        assertThat(block().handleRequest(open("securityhub-s3-8.json").get(0), null)).containsEntry("outcome", "SUCCEEDED");
        assertThat(s3.settings(BUCKET)).containsEntry("BlockPublicPolicy", true);
        assertThat(block().handleRequest(open("guardduty-s3-public-access-granted.json").get(0), null))
                .containsEntry("outcome", "SUCCEEDED").containsEntry("changes", List.of());
    }

    @Test
    void shouldSkip_aSecurityHubFindingImportedByAnotherProduct_posingAsAControl() {
        Map<String, Object> answer = block().handleRequest(open("securityhub-third-party.json").get(0), null);

        assertThat(answer).containsEntry("outcome", "SKIPPED");
        assertThat((String) answer.get("summary")).contains("No trigger", "123456789012/default", "control S3.8");
        assertThat(s3.settings("www-example-com")).isEmpty();
    }

    @Test
    void shouldSkip_aSampleFinding() {
        Map<String, Object> event = open("guardduty-port-probe-sample", edit("guardduty-port-probe.json",
                json -> json.replace("\"threatListName\": \"ProofPoint\"", "\"sample\": true"))).get(0);

        assertThat(revoke().handleRequest(event, null)).containsEntry("outcome", "SKIPPED")
                .containsEntry("summary", "The finding is a sample finding (aws/guardduty); nothing was changed.");
        assertThat(ec2.ruleIds()).hasSize(3);
    }

    @Test
    void shouldSkip_aFindingAboutAnotherAccountsResource() {
        Map<String, Object> event = open("guardduty-port-probe-member-account", edit("guardduty-port-probe.json",
                json -> json.replace("\"accountId\": \"123456789012\"", "\"accountId\": \"210987654321\""))).get(0);

        assertThat((String) revoke().handleRequest(event, null).get("summary"))
                .contains("account 210987654321", "acts only in its own, account 123456789012");
        assertThat(ec2.ruleIds()).hasSize(3);
    }

    @Test
    void shouldSkip_aGuardDutyFindingOfATypeNoTriggerNames() {
        Map<String, Object> event = open("guardduty-s3-finding.json").get(0);

        assertThat((String) block().handleRequest(event, null).get("summary"))
                .contains("No trigger", "Policy:S3/BucketBlockPublicAccessDisabled");
        assertThat(s3.settings(BUCKET)).isEmpty();
    }

    @Test
    void shouldSkip_aGroupTaggedOptedOut() {
        ec2.tag(GROUP, "incident-pipeline:remediation", "off");

        assertThat(revoke().handleRequest(open("guardduty-port-probe.json").get(0), null))
                .containsEntry("outcome", "SKIPPED");
        assertThat(ec2.ruleIds()).hasSize(3);
    }

    @Test
    void shouldActOnTheIncidentTheTableHolds_notOnLabelsOrProvenanceAForgedEventCarries() {
        Map<String, Object> real = open("securityhub-ec2-13.json").get(0);
        Map<String, Object> forged = new HashMap<>(real);
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) real.get("detail"));
        detail.put("labels", Map.of("securityGroupId", "sg-0fedcba9876543210", "findingPorts", "tcp/443"));
        forged.put("detail", detail);

        Map<String, Object> answer = revoke().handleRequest(forged, null);

        assertThat(answer).containsEntry("changes", List.of("revoke sgr-0aaa0000000000022: tcp 22-22 from 0.0.0.0/0"));
        assertThat(ec2.calls("RevokeSecurityGroupIngress")).singleElement()
                .satisfies(call -> assertThat(call).containsEntry("GroupId", GROUP));
    }

    @Test
    void shouldSkip_anIncidentWithoutVerifiedProvenance_evenWithTargetLabelsInTheTable() {
        // No intake writes such an item (the generic source rejects these labels): as if planted.
        Map<String, Object> event = Fixtures.object("eventbridge-incident-opened.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) event.get("detail"));
        detail.put("labels", Map.of("securityGroupId", GROUP, "findingPorts", "tcp/22"));
        Map<String, Object> planted = new HashMap<>(event);
        planted.put("detail", detail);
        IncidentItems.putFromEvent(dynalite.client(), table, planted);

        Map<String, Object> answer = revoke().handleRequest(planted, null);

        assertThat(answer).containsEntry("outcome", "SKIPPED");
        assertThat((String) answer.get("summary")).contains("(source generic) is not an AWS finding the pipeline verified");
        assertThat(ec2.calls()).isEmpty();
    }
}
