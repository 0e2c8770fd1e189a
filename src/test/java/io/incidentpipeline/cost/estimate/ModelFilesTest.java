package io.incidentpipeline.cost.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled price table and traffic model load with the figures the brief fixed, and a broken
 * copy fails with a message naming the file and the key.
 */
class ModelFilesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void bundledPriceTableIsDatedAndSourced() {
        PriceTable prices = PriceTable.load();
        assertThat(prices.asOf()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(prices.region()).isEqualTo("us-east-1");
        assertThat(prices.usd(Price.API_REST_REQUESTS)).isEqualTo(3.50);
        assertThat(prices.usd(Price.LAMBDA_REQUESTS)).isEqualTo(0.20);
        assertThat(prices.usd(Price.LAMBDA_GB_SECOND_ARM64)).isEqualTo(0.0000133334);
        assertThat(prices.usd(Price.LAMBDA_GB_SECOND_X86)).isEqualTo(0.0000166667);
        assertThat(prices.usd(Price.DYNAMODB_WRITE_REQUEST_UNITS)).isEqualTo(0.625);
        assertThat(prices.usd(Price.EVENTS_CUSTOM)).isEqualTo(1.00);
        assertThat(prices.usd(Price.HEALTH_CHECK_OTHER)).isEqualTo(0.75);
        assertThat(prices.usd(Price.WAF_WEB_ACL)).isEqualTo(5.00);
        assertThat(prices.entries()).hasSize(Price.values().length)
                .allSatisfy(e -> assertThat(e.source()).startsWith("https://aws.amazon.com/"));
    }

    @Test
    void bundledTrafficModelHasTheDocumentedDefaults() {
        TrafficModel model = TrafficModel.load();
        assertThat(model.value(Assumption.NEW_INCIDENT_SHARE)).isEqualTo(0.2);
        assertThat(model.value(Assumption.ROUTED_SHARE)).isEqualTo(0.05);
        assertThat(model.value(Assumption.INGEST_WARM_DURATION_MS)).isEqualTo(40);
        assertThat(model.value(Assumption.HEALTH_WARM_DURATION_MS)).isEqualTo(5);
        assertThat(model.value(Assumption.PUBLISHER_WARM_DURATION_MS)).isEqualTo(25);
        assertThat(model.value(Assumption.PLAYBOOK_WARM_DURATION_MS)).isEqualTo(60);
        assertThat(model.value(Assumption.HEALTH_CHECKER_REGIONS)).isEqualTo(8);
        assertThat(model.flag(Assumption.HEALTH_CHECK_TARGETS_ARE_AWS_ENDPOINTS)).isFalse();
        assertThat(model.entries()).allSatisfy(e -> assertThat(e.why()).isNotBlank());
        assertThat(model.entries().stream().filter(e -> e.assumption().key().endsWith("WarmDurationMs")))
                .allSatisfy(e -> assertThat(e.why()).contains("estimate"));
        // The reasons are printed in every cost-estimate.md: nothing a user cannot look up in the repository.
        assertThat(model.entries()).allSatisfy(e -> assertThat(e.why()).doesNotContain("issue ", "PRICES.md", "#"));
    }

    @Test
    void unknownPriceKeyFails(@TempDir Path dir) throws IOException {
        Path file = editedPrices(dir, prices -> ((ObjectNode) prices.get("prices")).putObject("lambda.provisionedConcurrency")
                .put("unit", "per GB-second").put("usd", 0.0000041667).put("source", "https://aws.amazon.com/lambda/pricing/"));
        assertThatThrownBy(() -> PriceTable.load(file)).isInstanceOf(CostModelException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("unknown price key 'prices.lambda.provisionedConcurrency'");
    }

    @Test
    void priceWithoutSourceFails(@TempDir Path dir) throws IOException {
        Path file = editedPrices(dir, prices -> ((ObjectNode) prices.get("prices").get("sns.publishes")).remove("source"));
        assertThatThrownBy(() -> PriceTable.load(file)).isInstanceOf(CostModelException.class)
                .hasMessage(file + ": key 'prices.sns.publishes.source' must be the URL of the AWS pricing page"
                        + " (https://aws.amazon.com/...) the price comes from");
    }

    @Test
    void priceInAnotherUnitFails(@TempDir Path dir) throws IOException {
        Path file = editedPrices(dir, prices -> ((ObjectNode) prices.get("prices").get("kms.requests"))
                .put("unit", "per request"));
        assertThatThrownBy(() -> PriceTable.load(file)).isInstanceOf(CostModelException.class)
                .hasMessageContaining("key 'prices.kms.requests.unit' must be 'per 10,000 requests'");
    }

    @Test
    void missingPriceAndMalformedFileFail(@TempDir Path dir) throws IOException {
        Path file = editedPrices(dir, prices -> ((ObjectNode) prices.get("prices")).remove("waf.rule"));
        assertThatThrownBy(() -> PriceTable.load(file)).hasMessage(file + ": missing price key 'prices.waf.rule'");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"asOf\": ");
        assertThatThrownBy(() -> PriceTable.load(broken)).isInstanceOf(CostModelException.class)
                .hasMessageStartingWith(broken + ": not valid JSON");
        assertThatThrownBy(() -> PriceTable.load(dir.resolve("absent.json")))
                .hasMessageStartingWith(dir.resolve("absent.json") + ": cannot be read");
    }

    @Test
    void brokenAssumptionsFail() throws IOException {
        JsonNode model = bundled(TrafficModel.DEFAULT_RESOURCE);
        ((ObjectNode) model.get("assumptions").get("routedShare")).remove("why");
        assertThatThrownBy(() -> TrafficModel.parse(model.toString(), "traffic.json"))
                .hasMessage("traffic.json 'assumptions.routedShare': key 'why' must be a non-empty string");

        JsonNode outOfRange = bundled(TrafficModel.DEFAULT_RESOURCE);
        ((ObjectNode) outOfRange.get("assumptions").get("newIncidentShare")).put("value", 1.2);
        assertThatThrownBy(() -> TrafficModel.parse(outOfRange.toString(), "traffic.json"))
                .hasMessage("traffic.json: key 'assumptions.newIncidentShare.value' must be a share from 0 to 1, got 1.2");

        JsonNode unknown = bundled(TrafficModel.DEFAULT_RESOURCE);
        ((ObjectNode) unknown.get("assumptions")).putObject("coldStartShare").put("value", 0.01).put("why", "guess");
        assertThatThrownBy(() -> TrafficModel.parse(unknown.toString(), "traffic.json"))
                .hasMessageContaining("unknown assumption key 'assumptions.coldStartShare'");
    }

    private static JsonNode bundled(String resource) throws IOException {
        try (InputStream in = ModelFilesTest.class.getResourceAsStream(resource)) {
            return MAPPER.readTree(in);
        }
    }

    private static Path editedPrices(Path dir, Consumer<JsonNode> edit) throws IOException {
        JsonNode prices = bundled(PriceTable.DEFAULT_RESOURCE);
        edit.accept(prices);
        Path file = dir.resolve("prices.json");
        Files.writeString(file, prices.toString());
        return file;
    }
}
