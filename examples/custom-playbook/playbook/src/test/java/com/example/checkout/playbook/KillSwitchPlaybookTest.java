package com.example.checkout.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.playbook.PlaybookIncidents;
import io.incidentpipeline.handlers.playbook.PlaybookRuns;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The playbook as Lambda runs it, against a real DynamoDB engine (dynalite, started here): the
 * incident table with an incident in it as the pipeline writes it (docs/CONTRACTS.md, "Table"), the
 * team's flags table, and the run record the SDK writes, which the pipeline announces.
 */
class KillSwitchPlaybookTest {
    private static final String PLAYBOOK = "checkout-kill-switch";
    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private static Process dynalite;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void startDynalite() throws Exception {
        Path cli = Path.of(System.getProperty("dynalite.cli", "node_modules/dynalite/cli.js"));
        assertThat(cli).as("dynalite (npm ci in the repository root installs it)").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dynalite = new ProcessBuilder("node", cli.toString(), "--port", String.valueOf(port), "--createTableMs", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitPort(port);
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        createTable("incidents", "pk", "sk");
        createTable("flags", "flag", null);
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("dynalite did not start on port " + port);
    }

    @SuppressWarnings("unchecked") // the SDK's varargs of Consumer builders
    private static void createTable(String name, String partitionKey, String sortKey) {
        dynamoDb.createTable(b -> {
            b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
            if (sortKey == null) {
                b.attributeDefinitions(a -> a.attributeName(partitionKey).attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName(partitionKey).keyType(KeyType.HASH));
            } else {
                b.attributeDefinitions(a -> a.attributeName(partitionKey).attributeType(ScalarAttributeType.S),
                                a -> a.attributeName(sortKey).attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName(partitionKey).keyType(KeyType.HASH),
                                k -> k.attributeName(sortKey).keyType(KeyType.RANGE));
            }
        });
    }

    @AfterAll
    static void stopDynalite() {
        if (dynalite != null) {
            dynalite.destroy();
        }
    }

    private static KillSwitchPlaybook playbook(boolean dryRun) {
        return new KillSwitchPlaybook(new PlaybookRuns(dynamoDb, "incidents", PLAYBOOK),
                new PlaybookIncidents(dynamoDb, "incidents"), new FeatureFlags(dynamoDb, "flags"), dryRun,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void flag(String name, boolean enabled) {
        dynamoDb.putItem(b -> b.tableName("flags").item(Map.of("flag", AttributeValue.fromS(name),
                "enabled", AttributeValue.fromBool(enabled))));
    }

    private static boolean flagIsOn(String name) {
        return dynamoDb.getItem(b -> b.tableName("flags").key(Map.of("flag", AttributeValue.fromS(name))))
                .item().get("enabled").bool();
    }

    /** An incident as the pipeline's ingest writes it: the current incident of its fingerprint. @return its event */
    private static Map<String, Object> incident(String status, Map<String, String> labels) {
        int n = IDS.incrementAndGet();
        String incidentId = "inc_01JC7YQ0W6Y3Q8N4V5T6X7Z8" + String.format("%02d", n);
        String fingerprint = String.format("%064x", n);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("FP#" + fingerprint));
        item.put("sk", AttributeValue.fromS("INCIDENT"));
        item.put("incidentId", AttributeValue.fromS(incidentId));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        item.put("source", AttributeValue.fromS("datadog"));
        item.put("severity", AttributeValue.fromS("critical"));
        item.put("title", AttributeValue.fromS("Checkout error rate above 5%"));
        item.put("service", AttributeValue.fromS("checkout"));
        item.put("category", AttributeValue.fromS("availability"));
        item.put("status", AttributeValue.fromS(status));
        item.put("occurrences", AttributeValue.fromN("1"));
        item.put("openedAt", AttributeValue.fromS("2026-12-01T10:14:00.000Z"));
        item.put("lastSeenAt", AttributeValue.fromS("2026-12-01T10:14:01.000Z"));
        item.put("updatedAt", AttributeValue.fromS("2026-12-01T10:14:01.000Z"));
        item.put("writtenRegion", AttributeValue.fromS("us-east-1"));
        Map<String, AttributeValue> labelMap = new HashMap<>();
        labels.forEach((key, value) -> labelMap.put(key, AttributeValue.fromS(value)));
        item.put("labels", AttributeValue.fromM(labelMap));
        dynamoDb.putItem(b -> b.tableName("incidents").item(item));
        // The event on the incident bus: the SDK reads the id and fingerprint, then the incident itself.
        return Map.of("id", "6a7e8feb-b491-4cf7-a9f1-bf37034677" + String.format("%02d", n),
                "detail-type", "Incident Opened", "source", "incident-pipeline",
                "detail", Map.of("incidentId", incidentId, "fingerprint", fingerprint, "severity", "critical",
                        "service", "checkout"));
    }

    private static Map<String, AttributeValue> runRecord(Map<String, Object> event) {
        String incidentId = (String) ((Map<?, ?>) event.get("detail")).get("incidentId");
        return dynamoDb.getItem(b -> b.tableName("incidents").key(Map.of(
                "pk", AttributeValue.fromS("INC#" + incidentId),
                "sk", AttributeValue.fromS("PLAYBOOK#" + PLAYBOOK)))).item();
    }

    @Test
    void shouldTurnOffTheFlag_andRecordTheRunThePipelineAnnounces() {
        flag("checkout-one-click", true);
        Map<String, Object> event = incident("OPEN", Map.of("featureFlag", "checkout-one-click"));

        Map<String, Object> answer = playbook(false).handleRequest(event, null);

        assertThat(answer).containsEntry("ran", true).containsEntry("outcome", "SUCCEEDED")
                .containsEntry("changes", List.of("turn off feature flag checkout-one-click"));
        assertThat(flagIsOn("checkout-one-click")).isFalse();
        Map<String, AttributeValue> run = runRecord(event);
        assertThat(run.get("outcome").s()).isEqualTo("SUCCEEDED");
        assertThat(run.get("playbook").s()).isEqualTo(PLAYBOOK);
        assertThat(run.get("summary").s()).startsWith("Turned off feature flag checkout-one-click");
        assertThat(run.get("changes").l()).extracting(AttributeValue::s)
                .containsExactly("turn off feature flag checkout-one-click");
        assertThat(run.get("dryRun").bool()).isFalse();
        assertThat(run.get("attempts").n()).isEqualTo("1");
        assertThat(run.get("writtenRegion").s()).isEqualTo("us-east-1");
        assertThat(run.get("finishedAt").s()).isEqualTo("2026-12-01T10:15:30.123Z");
    }

    @Test
    void shouldActOnce_whenTheEventIsDeliveredAgain() {
        flag("checkout-express", true);
        Map<String, Object> event = incident("OPEN", Map.of("featureFlag", "checkout-express"));
        playbook(false).handleRequest(event, null);
        flag("checkout-express", true); // turned back on by a person after the run

        assertThat(playbook(false).handleRequest(event, null)).containsEntry("ran", false);
        assertThat(flagIsOn("checkout-express")).isTrue();
        assertThat(runRecord(event).get("attempts").n()).isEqualTo("1");
    }

    @Test
    void shouldOnlyReport_inADryRun() {
        flag("checkout-gift-cards", true);
        Map<String, Object> event = incident("OPEN", Map.of("featureFlag", "checkout-gift-cards"));

        assertThat(playbook(true).handleRequest(event, null)).containsEntry("outcome", "SUCCEEDED");

        assertThat(flagIsOn("checkout-gift-cards")).isTrue();
        assertThat(runRecord(event).get("dryRun").bool()).isTrue();
        assertThat(runRecord(event).get("summary").s()).isEqualTo("Dry run: would turn off feature flag checkout-gift-cards.");
    }

    @Test
    void shouldSkip_anotherTeamsFlag_andAResolvedIncident() {
        flag("search-typeahead", true);
        Map<String, Object> otherTeam = incident("OPEN", Map.of("featureFlag", "search-typeahead"));
        flag("checkout-coupons", true);
        Map<String, Object> resolved = incident("RESOLVED", Map.of("featureFlag", "checkout-coupons"));

        assertThat(playbook(false).handleRequest(otherTeam, null)).containsEntry("outcome", "SKIPPED");
        assertThat(playbook(false).handleRequest(resolved, null)).containsEntry("outcome", "SKIPPED");

        assertThat(flagIsOn("search-typeahead")).isTrue();
        assertThat(flagIsOn("checkout-coupons")).isTrue();
        assertThat(runRecord(otherTeam).get("summary").s()).contains("not the checkout or payments team's");
    }

    @Test
    void shouldFail_whenTheIncidentNamesNoFlag() {
        Map<String, Object> event = incident("OPEN", Map.of());

        assertThat(playbook(false).handleRequest(event, null)).containsEntry("outcome", "FAILED");
        assertThat(runRecord(event).get("summary").s()).contains("names no feature flag");
    }
}
