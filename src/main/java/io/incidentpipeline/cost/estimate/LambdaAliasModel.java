package io.incidentpipeline.cost.estimate;

/**
 * {@code AWS::Lambda::Alias}: free, unless it keeps provisioned concurrency warm, which bills every
 * hour and which the model does not price.
 */
final class LambdaAliasModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource alias, EstimateContext ctx) {
        if (!alias.property("ProvisionedConcurrencyConfig").isMissingNode()) {
            return ModelCost.notPriced("provisioned concurrency bills every hour");
        }
        return ModelCost.noCharge("alias");
    }
}
