package io.incidentpipeline.cost.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two report files, and the command that writes them. */
class CostReportTest {
    private final CostReport sandbox = new CostReport("dev-alice", Fixtures.estimate("sandbox.template.json"));

    @Test
    void markdownHasTheTableTotalsFloorAssumptionsAndDatedSources() {
        String md = sandbox.toMarkdown();
        assertThat(md).startsWith("# Cost estimate: stage `dev-alice`")
                .contains("| Stack | Resource | Type | Idle $/month | $/million alerts | Note |")
                .contains("| **Total** | | | **0.40** | **9.20** | |")
                .contains("| Idle, per month (zero alerts) | 0.40 |")
                .contains("| Floor per million alerts (the requests alone) | 5.95 |")
                .contains("| Ratio, per million alerts over floor | 1.55 (**above 1.5**) |")
                .contains("At 1.55, a million alerts cost 1.55 times their requests")
                .contains("To lower it, start with the largest rows per million alerts: Api ($3.75), Store ($2.14), Bus ($1.00). ")
                .contains("| **Floor** | **5.95** |")
                .contains("| newIncidentShare | 0.2 | Share of alerts that open a new incident")
                .contains("Price table dated 2026-11-25, us-east-1")
                .contains("https://aws.amazon.com/lambda/pricing/")
                .contains("**Not priced by the model** (listed at $0 above; price them by hand): Attachments (AWS::S3::Bucket)")
                .contains("with no charge of their own: ")
                .doesNotContain("| sandbox | HandlerRole |")
                .doesNotContain("issue ", "PRICES.md", "goal");
        // sorted by cost per million: the API first, the secret (idle only) after every per-alert row
        assertThat(md.indexOf("| sandbox | Api |")).isLessThan(md.indexOf("| sandbox | Bus |"));
        assertThat(md.indexOf("| sandbox | PlaybookLogs |")).isLessThan(md.indexOf("| sandbox | SigningSecret |"));
    }

    @Test
    void markdownShowsLessThanACentAsSuch() {
        assertThat(MarkdownReport.usd(new BigDecimal("0.0042"))).isEqualTo("<0.01");
        assertThat(MarkdownReport.usd(new BigDecimal("0.0000"))).isEqualTo("0.00");
        assertThat(MarkdownReport.usd(new BigDecimal("0.0100"))).isEqualTo("0.01");
        assertThat(MarkdownReport.usd(new BigDecimal("1234.5678"))).isEqualTo("1,234.57");
    }

    @Test
    void jsonRoundsToFourDecimalsAndRoundTrips() {
        String json = sandbox.toJson();
        assertThat(json).contains("\"stage\" : \"dev-alice\"", "\"asOf\" : \"2026-11-25\"", "\"region\" : \"us-east-1\"")
                .contains("\"perMillionAlertsUsd\" : 9.1983", "\"idleMonthlyUsd\" : 0.4000")
                .contains("\"logicalId\" : \"IngestFunction\"", "\"perMillionAlertsUsd\" : 0.4667")
                .contains("\"note\" : \"not priced by the model\"")
                .contains("\"why\" : ");
        CostReport read = CostReport.fromJson(json);
        assertThat(read.document()).isEqualTo(sandbox.document());
        assertThat(read.toJson()).isEqualTo(json);
        CostReport.Document d = read.document();
        assertThat(d.floor().perMillionAlertsUsd()).isEqualByComparingTo("5.95");
        assertThat(d.ratio().value()).isEqualByComparingTo("1.5459"); // 9.1982856 / 5.95
        assertThat(d.ratio().withinGoal()).isFalse();
        assertThat(d.resources()).hasSize(16);
        assertThat(d.assumptions()).extracting(CostReport.AssumptionRow::key).contains("xraySampledShare");
    }

    @Test
    void writeToPutsBothFilesBesideTheTemplates(@TempDir Path cdkOut) throws IOException {
        Files.copy(Fixtures.template("sandbox.template.json"), cdkOut.resolve("IncidentPipeline-dev-us-east-1.template.json"));
        Fixtures.manifest(cdkOut, "IncidentPipeline-dev-us-east-1");
        CostReport report = CostReport.writeTo(cdkOut, "dev");
        assertThat(Files.readString(cdkOut.resolve(CostReport.JSON_FILE))).isEqualTo(report.toJson());
        assertThat(Files.readString(cdkOut.resolve(CostReport.MARKDOWN_FILE))).isEqualTo(report.toMarkdown());
        assertThat(report.document().stacks()).containsExactly("IncidentPipeline-dev-us-east-1");
    }

    @Test
    void estimatesOnlyTheStacksOfThisAssembly_notAStaleTemplateBesideThem(@TempDir Path cdkOut) throws IOException {
        // A sandbox synth after a prod synth into the same directory: the prod template stays on disk.
        Files.copy(Fixtures.template("prod.template.json"), cdkOut.resolve("IncidentPipeline-prod-us-east-1.template.json"));
        Files.copy(Fixtures.template("sandbox.template.json"), cdkOut.resolve("IncidentPipeline-dev-us-east-1.template.json"));
        Fixtures.manifest(cdkOut, "IncidentPipeline-dev-us-east-1");

        CostReport report = CostReport.writeTo(cdkOut, "dev");

        assertThat(report.document().stacks()).containsExactly("IncidentPipeline-dev-us-east-1");
        assertThat(report.document().totals()).isEqualTo(sandbox.document().totals());
        assertThat(report.document().resources()).extracting(CostReport.Row::stack)
                .containsOnly("IncidentPipeline-dev-us-east-1");
        assertThat(CostReport.templatesIn(cdkOut))
                .containsExactly(cdkOut.resolve("IncidentPipeline-dev-us-east-1.template.json"));
    }

    @Test
    void commandPrintsTheMarkdownAndTakesTheStageFromTheTags(@TempDir Path cdkOut) throws IOException {
        Files.writeString(cdkOut.resolve("App-dev-bob-us-east-1.template.json"), """
                {"Resources": {
                  "Secret": {"Type": "AWS::SecretsManager::Secret",
                             "Properties": {"Tags": [{"Key": "Stage", "Value": "dev-bob"}]}}}}
                """);
        Fixtures.manifest(cdkOut, "App-dev-bob-us-east-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CostEstimateCommand.run(new String[] {cdkOut.toString()}, print(out), print(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("# Cost estimate: stage `dev-bob`")
                .contains("| Idle, per month (zero alerts) | 0.40 |")
                .contains("| Ratio, per million alerts over floor | n/a (no alert path in these templates) |")
                .doesNotContain("What the ratio means");
        assertThat(cdkOut.resolve(CostReport.JSON_FILE)).exists();
    }

    @Test
    void commandFailsClearlyWithoutACloudAssembly(@TempDir Path empty) throws IOException {
        Files.copy(Fixtures.template("sandbox.template.json"), empty.resolve("IncidentPipeline-dev-us-east-1.template.json"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CostEstimateCommand.run(new String[] {empty.toString()}, print(new ByteArrayOutputStream()), print(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("cost estimate failed: " + empty
                + ": no manifest.json, so not a cloud assembly (synthesize first: npx cdk synth)" + System.lineSeparator());
        Fixtures.manifest(empty);
        assertThatThrownBy(() -> CostReport.writeTo(empty, "dev"))
                .hasMessageContaining("manifest.json: lists no stack to estimate");
        assertThatThrownBy(() -> CostReport.writeTo(empty.resolve("absent"), "dev"))
                .hasMessageContaining("not a directory");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
