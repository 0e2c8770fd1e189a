package io.incidentpipeline.cost.estimate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates a stage's cost from its synthesized templates: every resource of every template goes
 * to the model for its type (unknown types are listed as not priced), then the floor and the
 * totals are added up.
 *
 * <p>Two passes, because a health check's idle cost is its probe traffic, and a probe costs what
 * the API, WAF, ingest function and their log groups charge per request: those are priced first.
 *
 * <pre>{@code
 * CostEstimate estimate = CostEstimator.withDefaults()
 *         .estimate(List.of(Path.of("cdk.out/IncidentPipeline-dev-us-east-1.template.json")));
 * }</pre>
 */
public final class CostEstimator {
    private final PriceTable prices;
    private final TrafficModel traffic;

    /**
     * @param prices  the price table
     * @param traffic the traffic assumptions
     */
    public CostEstimator(PriceTable prices, TrafficModel traffic) {
        this.prices = prices;
        this.traffic = traffic;
    }

    /** @return an estimator with the bundled price table and traffic model */
    public static CostEstimator withDefaults() {
        return new CostEstimator(PriceTable.load(), TrafficModel.load());
    }

    /**
     * @param templates the {@code *.template.json} files of one stage's stacks
     * @return the estimate
     * @throws CostModelException when a file is missing, not JSON or not a template
     */
    public CostEstimate estimate(List<Path> templates) {
        return estimateTemplates(templates.stream().map(StackTemplate::load).toList());
    }

    /**
     * @param templates one stage's parsed templates
     * @return the estimate
     */
    public CostEstimate estimateTemplates(List<StackTemplate> templates) {
        EstimateContext ctx = new EstimateContext(prices, traffic, templates);
        Map<TemplateResource, ModelCost> costs = new IdentityHashMap<>();
        double perProbe = 0;
        for (TemplateResource r : ctx.resources()) {
            if (!ModelRegistry.SECOND_PASS.contains(r.type())) {
                ModelCost cost = ModelRegistry.forType(r.type()).cost(r, ctx);
                costs.put(r, cost);
                perProbe += cost.perProbeUsd();
            }
        }
        // A probe hits one region's API: average the path over the APIs when there are several.
        ctx.perProbeUsd(perProbe / Math.max(1, ctx.apis()));
        List<ResourceCost> rows = new ArrayList<>();
        for (TemplateResource r : ctx.resources()) {
            ModelCost cost = costs.computeIfAbsent(r, resource -> ModelRegistry.forType(resource.type()).cost(resource, ctx));
            rows.add(new ResourceCost(r.stack(), r.logicalId(), r.type(), cost.idleMonthlyUsd(),
                    cost.perMillionAlertsUsd(), cost.kind(), cost.note()));
        }
        return new CostEstimate(templates.stream().map(StackTemplate::stackName).toList(), List.copyOf(rows),
                FloorItem.of(ctx), prices, traffic);
    }
}
