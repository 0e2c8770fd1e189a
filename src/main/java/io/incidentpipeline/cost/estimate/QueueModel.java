package io.incidentpipeline.cost.estimate;

/**
 * {@code AWS::SQS::Queue}: the pipeline's queues are dead-letter and on-failure queues, which only
 * receive failures, so $0 in the estimate. A queue nothing names as a failure destination is
 * outside the model.
 */
final class QueueModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource queue, EstimateContext ctx) {
        if (!ctx.isFailureDestination(queue)) {
            return ModelCost.notPriced("a queue that is not a dead-letter or on-failure destination");
        }
        return ModelCost.priced(0, 0, "receives only failures: " + Notes.usd(ctx.price(Price.SQS_REQUESTS))
                + " per million requests when used");
    }
}
