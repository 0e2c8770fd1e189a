package io.incidentpipeline.cost.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The estimator on the templates the app really synthesizes: a stage's templates from
 * {@code cdk.out/} ({@code npm run synth}, the default configuration), else from the newest
 * {@code target/cdk.out-*} a synth test left (whose configuration the test chose). Skipped when
 * none holds the stage.
 *
 * <p>The goals of the cost work for a developer sandbox: it idles under $1 a month, and an alert
 * costs at most 1.5 times the request charges of its hot path.
 */
class RealTemplateCostTest {

    @Test
    void sandboxIdlesUnderOneDollarAndStaysNearTheFloor() {
        List<Path> templates = newestStage("dev");
        assumeTrue(!templates.isEmpty(), "no synthesized dev stage (run npm run synth)");
        CostEstimate estimate = CostEstimator.withDefaults().estimate(templates);
        String figures = figures(templates, estimate);
        System.out.println(figures);

        assertThat(estimate.resources(ResourceCost.Kind.NOT_PRICED)).as(figures).isEmpty();
        assertThat(estimate.floor()).as(figures).hasSize(4);
        assertThat(estimate.idleMonthlyUsd()).as("sandbox idle cost a month\n" + figures).isLessThan(1.00);
        assertThat(estimate.ratio().getAsDouble()).as("estimate / floor per million alerts\n" + figures)
                .isLessThanOrEqualTo(CostEstimate.RATIO_GOAL);
    }

    @Test
    void productionStageIsFullyPriced() {
        List<Path> templates = newestStage("prod");
        assumeTrue(!templates.isEmpty(), "no synthesized prod stage");
        CostEstimate estimate = CostEstimator.withDefaults().estimate(templates);
        String figures = figures(templates, estimate);
        System.out.println(figures);
        assertThat(estimate.resources(ResourceCost.Kind.NOT_PRICED)).as(figures).isEmpty();
        assertThat(estimate.perMillionAlertsUsd()).as(figures).isGreaterThan(estimate.floorPerMillionAlertsUsd());
    }

    private static String figures(List<Path> templates, CostEstimate e) {
        String idle = e.resources().stream().filter(r -> r.idleMonthlyUsd() > 0)
                .sorted(Comparator.comparingDouble(ResourceCost::idleMonthlyUsd).reversed())
                .map(r -> r.logicalId() + " " + usd(r.idleMonthlyUsd())).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s: idle %s/month (%s); %s per million alerts; floor %s; ratio %.3f",
                templates, usd(e.idleMonthlyUsd()), idle, usd(e.perMillionAlertsUsd()), usd(e.floorPerMillionAlertsUsd()),
                e.ratio().orElse(Double.NaN));
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "$%.4f", value);
    }

    /** @return the stage's templates in cdk.out, else in the target/cdk.out-* that synthesized it last, or none */
    private static List<Path> newestStage(String stage) {
        List<Path> synthesized = stageTemplates(Path.of("cdk.out"), stage);
        if (!synthesized.isEmpty()) {
            return synthesized;
        }
        try (Stream<Path> dirs = Files.isDirectory(Path.of("target")) ? Files.list(Path.of("target")) : Stream.empty()) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("cdk.out-")).toList().stream()
                    .map(dir -> stageTemplates(dir, stage)).filter(list -> !list.isEmpty())
                    .max(Comparator.comparingLong(list -> modified(list.get(0))))
                    .orElse(List.of());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> stageTemplates(Path dir, String stage) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String prefix = "IncidentPipeline-" + stage + "-";
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(StackTemplate.SUFFIX)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
