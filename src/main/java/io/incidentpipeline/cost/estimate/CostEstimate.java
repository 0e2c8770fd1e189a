package io.incidentpipeline.cost.estimate;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The estimate of one stage: a row per resource, the totals, the price floor of the hot path and
 * how far the estimate is above it, with the prices and assumptions it was computed from.
 *
 * @param stacks    the stacks estimated, in the order given
 * @param resources a row per resource, in template order
 * @param floor     the request charges of the hot-path services present
 * @param prices    the price table used
 * @param traffic   the traffic model used
 */
public record CostEstimate(List<String> stacks, List<ResourceCost> resources, List<FloorItem> floor,
                           PriceTable prices, TrafficModel traffic) {
    /**
     * The goal for {@link #ratio()}: an alert should cost at most 1.5 times the request charges it
     * cannot avoid. Above it, duration, logs, tracing or extra hops weigh more than the requests.
     */
    public static final double RATIO_GOAL = 1.5;

    /** @return USD a month with zero alerts */
    public double idleMonthlyUsd() {
        return resources.stream().mapToDouble(ResourceCost::idleMonthlyUsd).sum();
    }

    /** @return USD per million alerts */
    public double perMillionAlertsUsd() {
        return resources.stream().mapToDouble(ResourceCost::perMillionAlertsUsd).sum();
    }

    /** @return the floor, USD per million alerts */
    public double floorPerMillionAlertsUsd() {
        return floor.stream().mapToDouble(FloorItem::perMillionAlertsUsd).sum();
    }

    /** @return the estimate per million alerts over the floor; empty when there is no hot path (floor 0) */
    public OptionalDouble ratio() {
        double floorUsd = floorPerMillionAlertsUsd();
        return floorUsd > 0 ? OptionalDouble.of(perMillionAlertsUsd() / floorUsd) : OptionalDouble.empty();
    }

    /**
     * @param kind which rows
     * @return the rows of the given kind
     */
    public List<ResourceCost> resources(ResourceCost.Kind kind) {
        return resources.stream().filter(r -> r.kind() == kind).toList();
    }
}
