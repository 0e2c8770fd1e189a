package io.incidentpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentpipeline.SynthesizedApp;
import io.incidentpipeline.app.IncidentPipelineStack;
import io.incidentpipeline.playbooks.ExamplePlaybook;
import io.incidentpipeline.playbooks.ExamplePlaybookProps;
import io.incidentpipeline.playbooks.Remediation;
import io.incidentpipeline.playbooks.RemediationPlaybook;
import io.incidentpipeline.playbooks.RemediationPlaybookProps;
import io.incidentpipeline.routing.IncidentEvents;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.routing.IncidentRuleProps;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The synthesized app end to end on the local runtime (moto as the AWS engine): alerts in at the
 * API or the default bus or a topic, out as incidents in the table, events on the bus, playbook runs
 * on the timeline, notifications on the topics and failures in their queues. The app is the default
 * sandbox with AWS sources and remediations on, plus constructs that exist only in this test (an
 * extra rule and playbook function, and a remediation that acts for real), which run with no change
 * to the runtime because it reads everything from the cloud assembly.
 *
 * <p>Skipped, with the install hint, where moto's server mode is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalPipelineEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound on every awaited hop: a cold function JVM on a busy 2-core machine takes seconds. */
    private static final Duration HOP = Duration.ofSeconds(60);
    /**
     * Function timeouts are tripled: on a 2-core machine shared with other builds a function can take
     * several times what it takes on Lambda's dedicated CPU, and a timeout here would test the machine.
     */
    private static final int TIMEOUT_FACTOR = 3;

    private LocalPipeline pipeline;
    private String bus;
    private String signingKey;
    private String alertUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start() throws IOException {
        String skipped = "moto's server mode is not installed, so the end-to-end suite is skipped; install it with "
                + Moto.INSTALL_HINT;
        boolean installed = Moto.isInstalled();
        if (!installed) {
            System.err.println("[WARNING] " + skipped); // surefire's summary shows the count of skipped tests, not why
        }
        assumeTrue(installed, skipped);
        SynthesizedApp app = SynthesizedApp.synthesize(Map.of(
                "playbooks", "block-public-bucket",
                "awsSources", "cloudwatch,guardduty,securityhub"), LocalPipelineEndToEndTest::addTestOnlyConstructs);
        Path workDir = Path.of("target", "local-e2e");
        // Beside the work directory, whose logs the runtime clears at start.
        PrintStream hops = new PrintStream(Files.newOutputStream(Path.of("target", "local-e2e-hops.log")), true, StandardCharsets.UTF_8);
        pipeline = LocalPipeline.start(app.outdir(), null, new LocalPipeline.Options(workDir, 0, new HopLog(hops), true, TIMEOUT_FACTOR));
        bus = pipeline.ref("AWS::Events::EventBus", id -> true);
        alertUrl = LocalPipelineMain.outputs(pipeline, "AlertUrl").get("GENERIC");
        String secretArn = LocalPipelineMain.outputs(pipeline, "SigningSecret").get("GENERIC");
        signingKey = pipeline.secretValues().entrySet().stream()
                .filter(e -> pipeline.ref("AWS::SecretsManager::Secret", e.getKey()::equals).equals(secretArn))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    /** Constructs the runtime has never heard of: a rule with its own playbook function, and a remediation that acts. */
    private static void addTestOnlyConstructs(List<IncidentPipelineStack> stacks) {
        IncidentPipelineStack stack = stacks.get(0);
        ExamplePlaybook payments = new ExamplePlaybook(stack, "PaymentsTriage", ExamplePlaybookProps.builder()
                .store(stack.getPipeline().getStore()).playbookName("payments-triage").build());
        new IncidentRule(stack, "PaymentsOpened", IncidentRuleProps.builder()
                .bus(stack.getPipeline().getBus().getEventBus())
                .pattern(IncidentPattern.builder().detailTypes(IncidentEvents.DetailType.OPENED).services("payments").build())
                .description("Opened payments incidents: a playbook that exists only in this test")
                .build())
                .addPlaybook(payments.getFunction());
        new RemediationPlaybook(stack, "RevokeOpenIngressForReal", RemediationPlaybookProps.builder()
                .remediation(Remediation.REVOKE_OPEN_INGRESS)
                .bus(stack.getPipeline().getBus().getEventBus())
                .store(stack.getPipeline().getStore())
                .dryRun(false)
                .build());
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldOpenAnIncidentAndRunTheExamplePlaybook_whenASignedAlertArrives() {
        String key = "disk-" + UUID.randomUUID();
        JsonNode accepted = postAlert(alert("Disk full on db-1", "critical", "orders-db", key));
        String incidentId = accepted.path("incidentId").asText();
        assertThat(accepted.path("deduplicated").asBoolean()).isFalse();

        JsonNode opened = awaitEvent("Incident Opened", incidentId);
        assertThat(opened.path("detail").path("severity").asText()).isEqualTo("critical");
        awaitPlaybook("Succeeded", "example-triage", incidentId);
        JsonNode incident = awaitIncident(incidentId, i -> timeline(i).stream().anyMatch(e -> e.path("type").asText().equals("playbook")
                && e.path("outcome").asText().equals("SUCCEEDED")), "the example playbook's run on the timeline");
        assertThat(timeline(incident)).anyMatch(e -> e.path("type").asText().equals("opened"));
        assertThat(tableItem("FP#", "INCIDENT", incidentId)).isPresent();
        Await.until("the urgent topic's notification of " + incidentId, HOP,
                () -> notificationsMention(topic("Urgent"), incidentId), this::recentHops);
    }

    @Test
    void shouldCountDuplicatesOnOneIncident_whenTheSameAlertArrivesThreeTimes() {
        String body = alert("Checkout latency high", "medium", "checkout", "latency-" + UUID.randomUUID());
        JsonNode first = postAlert(body);
        JsonNode second = postAlert(body);
        JsonNode third = postAlert(body);
        String incidentId = first.path("incidentId").asText();
        assertThat(List.of(second.path("incidentId").asText(), third.path("incidentId").asText())).containsOnly(incidentId);
        assertThat(List.of(first, second, third)).extracting(a -> a.path("deduplicated").asBoolean()).containsExactly(false, true, true);

        JsonNode incident = awaitIncident(incidentId, i -> i.path("incident").path("occurrences").asInt() == 3, "3 occurrences");
        assertThat(status(incident)).isEqualToIgnoringCase("open");
        String fingerprint = awaitEvent("Incident Opened", incidentId).path("detail").path("fingerprint").asText();
        pipeline.awaitIdle(HOP);
        // Delivery to the bus is at least once (a publisher retry may put an event again), but no
        // duplicate ever opened a second incident of the fingerprint.
        assertThat(pipeline.busEvents(bus)).filteredOn(e -> e.path("detail-type").asText().equals("Incident Opened")
                        && fingerprint.equals(e.path("detail").path("fingerprint").asText()))
                .extracting(e -> e.path("detail").path("incidentId").asText()).containsOnly(incidentId);
    }

    @Test
    void shouldResolveTheIncident_whenTheAlarmRecovers() {
        String alarm = "orders-api-5xx-" + UUID.randomUUID();
        putDefaultBusEvent(fixture("cloudwatch-alarm.json", Map.of("alarm", alarm)));
        JsonNode opened = awaitEvent("Incident Opened", e -> e.path("detail").toString().contains(alarm));
        String incidentId = opened.path("detail").path("incidentId").asText();

        putDefaultBusEvent(fixture("cloudwatch-ok.json", Map.of("alarm", alarm)));
        awaitEvent("Incident Resolved", incidentId);
        JsonNode incident = awaitIncident(incidentId, i -> status(i).equalsIgnoreCase("resolved"), "status resolved");
        assertThat(timeline(incident)).anyMatch(e -> e.path("type").asText().equals("resolved"));
    }

    @Test
    void shouldAcknowledgeAndResolve_throughTheOperatorApi() {
        String incidentId = postAlert(alert("Queue backlog", "low", "billing", "backlog-" + UUID.randomUUID())).path("incidentId").asText();
        awaitEvent("Incident Opened", incidentId);

        HttpResponse<String> acknowledged = send("POST", "/incidents/" + incidentId + "/acknowledge", "{}");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        awaitEvent("Incident Acknowledged", incidentId);
        HttpResponse<String> resolved = send("POST", "/incidents/" + incidentId + "/resolve", "{}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        awaitEvent("Incident Resolved", incidentId);

        JsonNode incident = awaitIncident(incidentId, i -> status(i).equalsIgnoreCase("resolved"), "status resolved");
        assertThat(incident.toString()).contains(ApiGatewayServer.LOCAL_OPERATOR);
        assertThat(timeline(incident)).extracting(e -> e.path("type").asText()).contains("opened", "acknowledged", "resolved");
        HttpResponse<String> listing = send("GET", "/incidents?status=resolved", null);
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        assertThat(listing.body()).contains(incidentId);
    }

    @Test
    void shouldOpenIncidents_fromBudgetAndCostAnomalyNotifications() {
        String topic = topic("CostGuardrails");
        pipeline.moto().query("sns", "Publish", "2010-03-31", Map.of("TopicArn", topic,
                "Subject", "AWS Budgets: incident-pipeline-dev has exceeded your alert threshold",
                "Message", fixture("budget-actual-100.txt", Map.of())));
        pipeline.moto().query("sns", "Publish", "2010-03-31", Map.of("TopicArn", topic, "Message", fixture("cost-anomaly.json", Map.of())));

        JsonNode budget = awaitEvent("Incident Opened", e -> e.path("detail").path("source").asText().equals("aws-budgets"));
        JsonNode anomaly = awaitEvent("Incident Opened", e -> e.path("detail").path("source").asText().equals("aws-cost-anomaly"));
        assertThat(budget.path("detail").path("title").asText()).contains("incident-pipeline-dev");
        assertThat(anomaly.path("detail").path("title").asText()).contains("AWS Lambda");
        assertThat(pipeline.queueMessages(pipeline.logicalId("AWS::SQS::Queue", id -> id.startsWith("CostAlertIngestFailureQueue")))).isEmpty();
    }

    @Test
    void shouldReportWithoutChangingTheBucket_whenAGuardDutyFindingTriggersTheDryRunRemediation() {
        String bucket = "orders-exports-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(pipeline.moto().rest("s3", "PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
        putDefaultBusEvent(fixture("guardduty-s3-finding.json", Map.of("bucket", bucket)));

        JsonNode opened = awaitEvent("Incident Opened", e -> e.path("detail").toString().contains(bucket));
        String incidentId = opened.path("detail").path("incidentId").asText();
        JsonNode succeeded = awaitPlaybook("Succeeded", "block-public-bucket", incidentId);
        assertThat(succeeded.path("detail").path("dryRun").asBoolean()).isTrue();
        // Dry run: the bucket still has no Block Public Access configuration.
        HttpResponse<String> block = pipeline.moto().rest("s3", "GET", "/" + bucket + "?publicAccessBlock", null);
        assertThat(block.statusCode()).as(block.body()).isEqualTo(404);
        assertThat(block.body()).contains("NoSuchPublicAccessBlockConfiguration");
    }

    @Test
    void shouldRevokeTheOpenIngress_whenASecurityHubFindingTriggersTheRealRemediation() {
        String groupName = "web-" + UUID.randomUUID().toString().substring(0, 8);
        String groupId = Moto.xmlText(ec2("CreateSecurityGroup", Map.of("GroupName", groupName, "GroupDescription", "e2e")), "groupId");
        ec2("AuthorizeSecurityGroupIngress", Map.of("GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "22", "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0",
                "IpPermissions.2.IpProtocol", "tcp", "IpPermissions.2.FromPort", "443", "IpPermissions.2.ToPort", "443",
                "IpPermissions.2.IpRanges.1.CidrIp", "10.0.0.0/8"));
        assertThat(ingressRules(groupId)).contains("0.0.0.0/0");

        putDefaultBusEvent(fixture("securityhub-ec2-finding.json", Map.of("groupId", groupId, "groupName", groupName)));
        JsonNode opened = awaitEvent("Incident Opened", e -> e.path("detail").toString().contains(groupId));
        String incidentId = opened.path("detail").path("incidentId").asText();
        JsonNode succeeded = awaitPlaybook("Succeeded", "revoke-open-ingress", incidentId);
        assertThat(succeeded.path("detail").path("dryRun").asBoolean()).isFalse();
        assertThat(ingressRules(groupId)).doesNotContain("0.0.0.0/0").contains("10.0.0.0/8");
    }

    @Test
    void shouldSendThePoisonRecordToThePublishersFailureDestination_whenTheStreamCarriesAnUnreadableIncident() {
        String table = pipeline.ref("AWS::DynamoDB::GlobalTable", id -> true);
        String pk = "FP#poison-" + UUID.randomUUID();
        ObjectNode item = Moto.object();
        item.putObject("pk").put("S", pk);
        item.putObject("sk").put("S", "INCIDENT");
        item.putObject("writtenRegion").put("S", pipeline.stack().region());
        pipeline.moto().json("dynamodb", "DynamoDB_20120810.PutItem", Moto.object().put("TableName", table).set("Item", item));

        String queue = pipeline.logicalId("AWS::SQS::Queue", id -> id.startsWith("PipelinePublisherDeadLetterQueue"));
        JsonNode record = Await.value("the poison record in the publisher's on-failure destination", HOP,
                () -> pipeline.queueMessages(queue).stream().map(m -> AsyncInvoker.parse(m.path("Body").asText()))
                        .filter(r -> r.has("DDBStreamBatchInfo")).findFirst(), this::recentHops);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.path("DDBStreamBatchInfo").path("batchSize").asInt()).isEqualTo(1);
        assertThat(record.path("DDBStreamBatchInfo").path("streamArn").asText())
                .isEqualTo(pipeline.attribute("AWS::DynamoDB::GlobalTable", id -> true, "StreamArn"));
    }

    @Test
    void shouldRecordPlaybookFailed_andQueueTheEventItCannotRun() {
        // The playbook cannot act on a bucket that does not exist: a failed run, on the timeline and the bus.
        String bucket = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        putDefaultBusEvent(fixture("guardduty-s3-finding.json", Map.of("bucket", bucket)));
        JsonNode opened = awaitEvent("Incident Opened", e -> e.path("detail").toString().contains(bucket));
        String incidentId = opened.path("detail").path("incidentId").asText();
        awaitPlaybook("Failed", "block-public-bucket", incidentId);
        awaitIncident(incidentId, i -> timeline(i).stream().anyMatch(e -> e.path("outcome").asText().equals("FAILED")), "the failed run on the timeline");
        Await.until("the urgent topic's Playbook Failed notification", HOP,
                () -> notificationsMention(topic("Urgent"), "Playbook Failed"), this::recentHops);

        // A forged event that matches the rule (the opened incident's own detail under an id the table does
        // not hold): the playbook re-reads the incident, finds none and refuses, so the function fails:
        // retried, then in the playbook's failure queue. (A forged event without the verified provenance
        // does not even match the rule; the bus policy refuses foreign senders in AWS.)
        ObjectNode detail = (ObjectNode) opened.path("detail").deepCopy();
        detail.put("incidentId", "inc_01M8ZZZZZZZZZZZZZZZZZZZZZZ");
        putEvent(bus, "incident-pipeline", "Incident Opened", detail.toString());
        String failureQueue = pipeline.logicalId("AWS::SQS::Queue", id -> id.startsWith("PlaybookblockpublicbucketPlaybookFailureQueue"));
        JsonNode record = Await.value("the playbook's failure queue", HOP,
                () -> pipeline.queueMessages(failureQueue).stream().map(m -> AsyncInvoker.parse(m.path("Body").asText())).findFirst(),
                this::recentHops);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("requestPayload").path("detail").path("labels").path("s3Bucket").asText()).isEqualTo(bucket);
    }

    @Test
    void shouldRunAConstructAddedOnlyInTheTestApp_withNoChangeToTheRuntime() {
        String incidentId = postAlert(alert("Card authorizations failing", "medium", "payments", "auth-" + UUID.randomUUID()))
                .path("incidentId").asText();
        awaitPlaybook("Succeeded", "payments-triage", incidentId);
        assertThat(pipeline.functions()).extracting(f -> f.spec().logicalId()).anyMatch(id -> id.startsWith("PaymentsTriage"));
    }

    // ---- helpers ----

    private static String alert(String title, String severity, String service, String dedupKey) {
        return Moto.object().put("title", title).put("severity", severity).put("service", service).put("dedupKey", dedupKey).toString();
    }

    /** Posts {@code body} signed as the README says (HMAC-SHA256 of "timestamp.body" with the source's key); expects 202. */
    private JsonNode postAlert(String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpResponse<String> response = request(HttpRequest.newBuilder(URI.create(alertUrl))
                .header("Content-Type", "application/json")
                .header("X-Incident-Timestamp", timestamp)
                .header("X-Incident-Signature", "sha256=" + hmac(timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as("POST %s: %s", alertUrl, response.body()).isEqualTo(202);
        return AsyncInvoker.parse(response.body());
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return request(HttpRequest.newBuilder(URI.create(pipeline.apiUrl() + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> request(HttpRequest.Builder builder) {
        try {
            return http.send(builder.timeout(HOP).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the incident as the operator API shows it ({@code incident} and {@code timeline}), once
     *         {@code ready} holds; polled every half second
     */
    private JsonNode awaitIncident(String incidentId, Predicate<JsonNode> ready, String what) {
        return Await.value("incident " + incidentId + " with " + what + " (GET /incidents/{incidentId})", HOP, () -> {
            HttpResponse<String> response = send("GET", "/incidents/" + incidentId, null);
            JsonNode answer = AsyncInvoker.parse(response.body());
            if (response.statusCode() == 200 && ready.test(answer)) {
                return Optional.of(answer);
            }
            Moto.sleep(450);
            return Optional.empty();
        }, this::recentHops);
    }

    /** @return the recent hops, without this test's own polling of the operator API */
    private String recentHops() {
        return pipeline.log().tail(25, line -> !line.contains(" GET /" ));
    }

    private static List<JsonNode> timeline(JsonNode answer) {
        List<JsonNode> entries = new ArrayList<>();
        answer.path("timeline").forEach(entries::add);
        return entries;
    }

    private static String status(JsonNode answer) {
        return answer.path("incident").path("status").asText();
    }

    private JsonNode awaitPlaybook(String outcome, String playbook, String incidentId) {
        return awaitEvent("Playbook " + outcome, e -> incidentId.equals(e.path("detail").path("incidentId").asText())
                && playbook.equals(e.path("detail").path("playbook").asText()));
    }

    private JsonNode awaitEvent(String detailType, String incidentId) {
        return awaitEvent(detailType, e -> incidentId.equals(e.path("detail").path("incidentId").asText()));
    }

    private JsonNode awaitEvent(String detailType, Predicate<JsonNode> match) {
        return Await.value("'" + detailType + "' on the incident bus", HOP,
                () -> pipeline.busEvents(bus).stream().filter(e -> e.path("detail-type").asText().equals(detailType)).filter(match).findFirst(),
                this::recentHops);
    }

    private Optional<JsonNode> tableItem(String pkPrefix, String sk, String incidentId) {
        JsonNode items = pipeline.moto().json("dynamodb", "DynamoDB_20120810.Scan",
                Moto.object().put("TableName", pipeline.ref("AWS::DynamoDB::GlobalTable", id -> true))).path("Items");
        for (JsonNode item : items) {
            if (item.path("pk").path("S").asText().startsWith(pkPrefix) && item.path("sk").path("S").asText().equals(sk)
                    && item.path("incidentId").path("S").asText().equals(incidentId)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private String topic(String logicalIdPrefix) {
        return pipeline.ref("AWS::SNS::Topic", id -> id.startsWith(logicalIdPrefix) || id.startsWith("PipelineNotifications" + logicalIdPrefix));
    }

    private boolean notificationsMention(String topicArn, String text) {
        String logicalId = pipeline.logicalId("AWS::SNS::Topic", id -> pipeline.ref("AWS::SNS::Topic", id::equals).equals(topicArn));
        return pipeline.notifications(logicalId).stream().anyMatch(n -> n.path("Message").asText().contains(text));
    }

    private void putDefaultBusEvent(String eventJson) {
        JsonNode event = AsyncInvoker.parse(eventJson);
        putEvent("default", event.path("source").asText(), event.path("detail-type").asText(), event.path("detail").toString());
    }

    private void putEvent(String busName, String source, String detailType, String detail) {
        ObjectNode request = Moto.object();
        request.putArray("Entries").addObject().put("EventBusName", busName).put("Source", source)
                .put("DetailType", detailType).put("Detail", detail);
        JsonNode answer = pipeline.moto().json("events", "AWSEvents.PutEvents", request);
        assertThat(answer.path("FailedEntryCount").asInt()).as(answer.toString()).isZero();
    }

    private String ec2(String action, Map<String, String> parameters) {
        return pipeline.moto().query("ec2", action, "2016-11-15", parameters);
    }

    private String ingressRules(String groupId) {
        String rules = ec2("DescribeSecurityGroupRules", Map.of("Filter.1.Name", "group-id", "Filter.1.Value.1", groupId));
        return Arrays.stream(rules.split("<item>")).filter(item -> item.contains("<isEgress>false</isEgress>"))
                .reduce("", String::concat);
    }

    /** @return the event fixture {@code name} with {@code ${key}} placeholders filled (and {@code now}, {@code eventId}, {@code findingId}) */
    private static String fixture(String name, Map<String, String> values) {
        try {
            String text = Files.readString(Path.of("src/test/resources/local/events", name));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, String> all = new HashMap<>(Map.of(
                    "nowZ", now.toString(),
                    "now", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC).format(now),
                    "eventId", UUID.randomUUID().toString(),
                    "findingId", UUID.randomUUID().toString().replace("-", "")));
            all.putAll(values);
            for (Map.Entry<String, String> value : all.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
