package io.incidentpipeline.cost.estimate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link CostReport.Document} as {@code cost-estimate.md}: the figures a reviewer looks
 * for first, then every priced or unpriced resource sorted by cost per million alerts, the floor,
 * the assumptions with their reasons, and the dated price sources. Rendered from the same rounded
 * document as the JSON, so the two files never disagree.
 */
final class MarkdownReport {
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private MarkdownReport() {
    }

    static String render(CostReport.Document d) {
        StringBuilder md = new StringBuilder();
        md.append("# Cost estimate: stage `").append(d.stage()).append("`\n\n");
        md.append("Stacks: ").append(String.join(", ", d.stacks())).append(". Prices as of **").append(d.asOf())
                .append("** (").append(d.region()).append(", ").append(d.currency())
                .append(", on-demand; free tiers not deducted).\n\n");
        summary(md, d);
        resources(md, d);
        floor(md, d);
        assumptions(md, d);
        prices(md, d);
        return md.toString();
    }

    private static void summary(StringBuilder md, CostReport.Document d) {
        md.append("| Figure | USD |\n|---|---:|\n");
        md.append("| Idle, per month (zero alerts) | ").append(usd(d.totals().idleMonthlyUsd())).append(" |\n");
        md.append("| Per million alerts | ").append(usd(d.totals().perMillionAlertsUsd())).append(" |\n");
        md.append("| Floor per million alerts (the requests alone) | ")
                .append(usd(d.floor().perMillionAlertsUsd())).append(" |\n");
        md.append("| Ratio, per million alerts over floor | ").append(ratio(d.ratio())).append(" |\n\n");
        ratioExplained(md, d);
    }

    private static String ratio(CostReport.Ratio ratio) {
        if (ratio.value() == null) {
            return "n/a (no alert path in these templates)";
        }
        return ratio.value().setScale(2, RoundingMode.HALF_UP).toPlainString()
                + (ratio.withinGoal() ? " (at most " : " (**above " ) + target(ratio) + (ratio.withinGoal() ? ")" : "**)");
    }

    private static String target(CostReport.Ratio ratio) {
        return ratio.goal().stripTrailingZeros().toPlainString();
    }

    /** What the ratio says, why it matters, and where to look to lower it: the costliest rows. */
    private static void ratioExplained(StringBuilder md, CostReport.Document d) {
        CostReport.Ratio ratio = d.ratio();
        if (ratio.value() == null) {
            return;
        }
        String times = ratio.value().setScale(2, RoundingMode.HALF_UP).toPlainString();
        md.append("**What the ratio means.** The floor is what an alert cannot cost less than with these services:")
                .append(" one request to each on its path (see Floor below), with no compute time, logs or tracing.")
                .append(" At ").append(times).append(", a million alerts cost ").append(times)
                .append(" times their requests: the rest is what the pipeline adds around them. Keeping it at or")
                .append(" under ").append(target(ratio)).append(" keeps the cost of an alert tied to the requests")
                .append(" it needs, so volume can grow without surprises.");
        List<CostReport.Row> top = d.resources().stream()
                .filter(r -> r.perMillionAlertsUsd().signum() > 0)
                .sorted(Comparator.comparing(CostReport.Row::perMillionAlertsUsd).reversed())
                .limit(3).toList();
        if (!ratio.withinGoal() && !top.isEmpty()) {
            md.append(" To lower it, start with the largest rows per million alerts: ")
                    .append(top.stream().map(r -> r.logicalId() + " ($" + usd(r.perMillionAlertsUsd()) + ")")
                            .collect(Collectors.joining(", ")))
                    .append(". The levers: requests per alert (table writes and index updates, bus events, hops),")
                    .append(" the API type (an HTTP API costs less per request than a REST API, but takes no WAF),")
                    .append(" a function's memory and duration, and log lines and tracing per alert (see Assumptions).");
        }
        md.append("\n\n");
    }

    private static void resources(StringBuilder md, CostReport.Document d) {
        List<CostReport.Row> listed = d.resources().stream()
                .filter(r -> r.kind() != ResourceCost.Kind.NO_CHARGE)
                .sorted(Comparator.comparing(CostReport.Row::perMillionAlertsUsd).reversed()
                        .thenComparing(Comparator.comparing(CostReport.Row::idleMonthlyUsd).reversed())
                        .thenComparing(CostReport.Row::stack).thenComparing(CostReport.Row::logicalId))
                .toList();
        md.append("## Resources\n\nSorted by cost per million alerts.\n\n");
        md.append("| Stack | Resource | Type | Idle $/month | $/million alerts | Note |\n");
        md.append("|---|---|---|---:|---:|---|\n");
        for (CostReport.Row r : listed) {
            md.append("| ").append(r.stack()).append(" | ").append(r.logicalId()).append(" | ").append(r.type())
                    .append(" | ").append(usd(r.idleMonthlyUsd())).append(" | ").append(usd(r.perMillionAlertsUsd()))
                    .append(" | ").append(cell(r.note())).append(" |\n");
        }
        md.append("| **Total** | | | **").append(usd(d.totals().idleMonthlyUsd())).append("** | **")
                .append(usd(d.totals().perMillionAlertsUsd())).append("** | |\n\n");

        Map<String, Long> free = d.resources().stream().filter(r -> r.kind() == ResourceCost.Kind.NO_CHARGE)
                .collect(Collectors.groupingBy(CostReport.Row::type, TreeMap::new, Collectors.counting()));
        if (!free.isEmpty()) {
            md.append("Also in the templates, with no charge of their own: ")
                    .append(free.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey())
                            .collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
        List<CostReport.Row> unpriced = d.resources().stream()
                .filter(r -> r.kind() == ResourceCost.Kind.NOT_PRICED).toList();
        if (!unpriced.isEmpty()) {
            md.append("**Not priced by the model** (listed at $0 above; price them by hand): ")
                    .append(unpriced.stream().map(r -> r.logicalId() + " (" + r.type() + ")")
                            .collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
    }

    private static void floor(StringBuilder md, CostReport.Document d) {
        md.append("## Floor\n\nWhat an alert cannot cost less than on this hot path: its request charges alone,")
                .append(" without duration, logs or tracing.\n\n");
        md.append("| Request charge | $/million alerts |\n|---|---:|\n");
        for (CostReport.FloorRow item : d.floor().items()) {
            md.append("| ").append(item.item()).append(" | ").append(usd(item.perMillionAlertsUsd())).append(" |\n");
        }
        md.append("| **Floor** | **").append(usd(d.floor().perMillionAlertsUsd())).append("** |\n\n");
    }

    private static void assumptions(StringBuilder md, CostReport.Document d) {
        md.append("## Assumptions\n\n| Assumption | Value | Why |\n|---|---:|---|\n");
        for (CostReport.AssumptionRow a : d.assumptions()) {
            md.append("| ").append(a.key()).append(" | ").append(a.value()).append(" | ").append(cell(a.why()))
                    .append(" |\n");
        }
        md.append('\n');
        for (String convention : d.conventions()) {
            md.append("- ").append(convention).append('\n');
        }
        md.append('\n');
    }

    private static void prices(StringBuilder md, CostReport.Document d) {
        md.append("## Prices\n\nPrice table dated ").append(d.asOf()).append(", ").append(d.region())
                .append(", USD.\n\n| Price | Unit | USD | Source |\n|---|---|---:|---|\n");
        for (CostReport.PriceRow p : d.prices()) {
            md.append("| ").append(p.key()).append(" | ").append(p.unit()).append(" | ")
                    .append(p.usd().stripTrailingZeros().toPlainString()).append(" | ").append(p.source())
                    .append(p.note().isEmpty() ? "" : " (" + cell(p.note()) + ")").append(" |\n");
        }
    }

    /** @return USD with 2 decimals, {@code <0.01} for a positive amount under a cent */
    static String usd(BigDecimal value) {
        if (value.signum() > 0 && value.compareTo(CENT) < 0) {
            return "<0.01";
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
