package io.incidentpipeline.cost.estimate;

/**
 * What a cost model says about one resource, before it becomes a report row.
 *
 * @param idleMonthlyUsd      USD a month with zero alerts
 * @param perMillionAlertsUsd USD per million alerts
 * @param perProbeUsd         USD per health-check probe the resource serves (API, WAF, ingest
 *                            function, their logs); summed into the health checks' idle cost
 * @param kind                whether the model priced it
 * @param note                how the figures were reached, for the reviewer
 */
record ModelCost(double idleMonthlyUsd, double perMillionAlertsUsd, double perProbeUsd, ResourceCost.Kind kind,
                 String note) {

    /** @return a priced resource */
    static ModelCost priced(double idleMonthlyUsd, double perMillionAlertsUsd, String note) {
        return new ModelCost(idleMonthlyUsd, perMillionAlertsUsd, 0, ResourceCost.Kind.PRICED, note);
    }

    /** @return a resource that bills nothing of its own (configuration, or priced elsewhere) */
    static ModelCost noCharge(String note) {
        return new ModelCost(0, 0, 0, ResourceCost.Kind.NO_CHARGE, note);
    }

    /** @return a resource the model cannot price, listed so a reviewer sees it */
    static ModelCost notPriced(String detail) {
        return new ModelCost(0, 0, 0, ResourceCost.Kind.NOT_PRICED,
                ResourceCost.NOT_PRICED + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** @return this cost, also charging {@code usd} per health-check probe */
    ModelCost withPerProbe(double usd) {
        return new ModelCost(idleMonthlyUsd, perMillionAlertsUsd, usd, kind, note);
    }
}
