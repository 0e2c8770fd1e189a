package io.incidentpipeline.cost.estimate;

/** Prices one CloudFormation resource type. */
@FunctionalInterface
interface ResourceModel {
    /**
     * @param resource the resource to price
     * @param context  prices, traffic assumptions and the links between resources
     * @return its idle and per-alert cost, with a note on how they were reached
     */
    ModelCost cost(TemplateResource resource, EstimateContext context);
}
