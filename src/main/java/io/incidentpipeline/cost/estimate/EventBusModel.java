package io.incidentpipeline.cost.estimate;

/**
 * {@code AWS::Events::EventBus}: one custom event per alert, since each incident write becomes one
 * event (well under the 64 KB that bills as one). Rule matching and delivery to targets are not
 * billed separately.
 */
final class EventBusModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource bus, EstimateContext ctx) {
        double share = ctx.alertShare(bus.stack());
        return ModelCost.priced(0, share * ctx.price(Price.EVENTS_CUSTOM),
                "1 custom event per alert" + Notes.share(share) + "; rules and delivery to targets are included");
    }
}
