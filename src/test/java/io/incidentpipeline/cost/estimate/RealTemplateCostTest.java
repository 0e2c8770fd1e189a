package io.incidentpipeline.cost.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.SynthesizedApp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The estimator on the templates the app really synthesizes, for the default sandbox and a
 * three-region production stage. The goals of the cost work: a developer sandbox idles under $1 a
 * month, and an alert costs at most 1.5 times the request charges of its hot path.
 */
class RealTemplateCostTest {

    @Test
    void shouldKeepTheSandboxUnderOneDollarIdleAndNearTheFloor() {
        SynthesizedApp app = SynthesizedApp.synthesize(Map.of());
        CostEstimate estimate = CostEstimator.withDefaults().estimate(CostReport.templatesIn(app.outdir()));
        String figures = figures(estimate);

        assertThat(estimate.resources(ResourceCost.Kind.NOT_PRICED)).as(figures).isEmpty();
        // API request, ingest request, the dedup write, the delivery id's claim, the bus event
        assertThat(estimate.floor()).as(figures).hasSize(5);
        assertThat(estimate.idleMonthlyUsd()).as("sandbox idle cost a month\n" + figures).isLessThan(1.00);
        // The 1.5 target held until the operator API added its two indexes and the incidents' timelines
        // (1.61), and the claim of each announced change with its due-index moves (1.85); 1.77 since the
        // delivery id's claim joined the floor. The bound keeps any further rise from passing unnoticed.
        assertThat(estimate.ratio().getAsDouble()).as("estimate / floor per million alerts\n" + figures)
                .isGreaterThan(CostEstimate.RATIO_GOAL).isLessThanOrEqualTo(RATIO_WITH_ANNOUNCEMENT_CLAIMS);
    }

    /** The default sandbox's estimate / floor with the operator API's indexes, the timelines and the announcement claims (1.85). */
    private static final double RATIO_WITH_ANNOUNCEMENT_CLAIMS = 1.88;

    @Test
    void shouldPriceEveryResourceOfAThreeRegionProductionStage() {
        SynthesizedApp app = SynthesizedApp.synthesize(PROD_THREE_REGIONS);
        CostEstimate estimate = CostEstimator.withDefaults().estimate(CostReport.templatesIn(app.outdir()));
        String figures = figures(estimate);

        assertThat(estimate.resources(ResourceCost.Kind.NOT_PRICED)).as(figures).isEmpty();
        assertThat(estimate.perMillionAlertsUsd()).as(figures).isGreaterThan(estimate.floorPerMillionAlertsUsd());
        assertThat(estimate.idleMonthlyUsd()).as("WAF, health checks, keys, replicated secret\n" + figures)
                .isGreaterThan(20);
    }

    @Test
    void shouldMatchTheFiguresTheReadmeShows() throws Exception {
        CostReport.Document sandbox = new CostReport("dev", CostEstimator.withDefaults()
                .estimate(CostReport.templatesIn(SynthesizedApp.synthesize(Map.of()).outdir()))).document();
        CostReport.Document prod = new CostReport("prod", CostEstimator.withDefaults()
                .estimate(CostReport.templatesIn(SynthesizedApp.synthesize(PROD_THREE_REGIONS).outdir()))).document();
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme)
                .contains(row("Idle, per month (zero alerts)", sandbox.totals().idleMonthlyUsd(), prod.totals().idleMonthlyUsd()))
                .contains(row("Per million alerts", sandbox.totals().perMillionAlertsUsd(), prod.totals().perMillionAlertsUsd()))
                .contains(row("Floor per million alerts (the requests alone)", sandbox.floor().perMillionAlertsUsd(),
                        prod.floor().perMillionAlertsUsd()))
                .contains("| Ratio, per million alerts over floor | " + ratio(sandbox) + " | " + ratio(prod) + " |")
                .contains(sandbox.stacks().stream().map(stack -> "Synthesized " + stack).findFirst().orElseThrow())
                .contains("(" + new CostReport("dev", CostEstimator.withDefaults().estimate(
                        CostReport.templatesIn(SynthesizedApp.synthesize(Map.of()).outdir()))).headline() + ")");
    }

    private static String row(String figure, BigDecimal sandbox, BigDecimal prod) {
        return "| " + figure + " | " + MarkdownReport.usd(sandbox) + " | " + MarkdownReport.usd(prod) + " |";
    }

    private static String ratio(CostReport.Document d) {
        return d.ratio().value().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The three-region stage of the README's "Running in several regions", as the README estimates it. */
    private static final Map<String, Object> PROD_THREE_REGIONS = Map.of("stage", "prod",
            "regions", "us-east-1,eu-west-1,ap-southeast-2", "account", "123456789012",
            "domainName", "alerts.example.com", "hostedZoneId", "Z0123456789ABC", "hostedZoneName", "example.com");

    @Test
    void shouldWriteTheEstimateBesideTheTemplates() throws Exception {
        SynthesizedApp app = SynthesizedApp.synthesize(Map.of());

        CostReport.writeTo(app.outdir(), "dev");

        assertThat(Files.readString(app.outdir().resolve(CostReport.MARKDOWN_FILE)))
                .contains("# Cost estimate: stage `dev`").contains("Per million alerts").contains("2026-11-25");
        assertThat(CostReport.fromJson(Files.readString(app.outdir().resolve(CostReport.JSON_FILE))).document().stage())
                .isEqualTo("dev");
    }

    private static String figures(CostEstimate e) {
        String idle = e.resources().stream().filter(r -> r.idleMonthlyUsd() > 0)
                .sorted(Comparator.comparingDouble(ResourceCost::idleMonthlyUsd).reversed())
                .map(r -> r.logicalId() + " " + usd(r.idleMonthlyUsd())).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "idle %s/month (%s); %s per million alerts; floor %s; ratio %.3f",
                usd(e.idleMonthlyUsd()), idle, usd(e.perMillionAlertsUsd()), usd(e.floorPerMillionAlertsUsd()),
                e.ratio().orElse(Double.NaN));
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "$%.4f", value);
    }
}
