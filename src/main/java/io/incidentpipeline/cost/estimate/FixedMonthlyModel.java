package io.incidentpipeline.cost.estimate;

/**
 * A resource billed a flat amount a month whatever the traffic (a dashboard, a hosted zone), or
 * free by its price entry (budgets, anomaly detection, public certificates).
 *
 * @param price the monthly price
 * @param note  what the price covers and what it leaves out
 */
record FixedMonthlyModel(Price price, String note) implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource resource, EstimateContext ctx) {
        return ModelCost.priced(ctx.price(price), 0, note);
    }
}
