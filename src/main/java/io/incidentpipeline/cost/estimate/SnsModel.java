package io.incidentpipeline.cost.estimate;

import java.util.Set;

/**
 * {@code AWS::SNS::Topic} and {@code AWS::SNS::Subscription}: the notification topic gets one
 * publish per routed alert; an e-mail subscription one e-mail per publish. Deliveries to Lambda
 * and SQS are free; other protocols are not priced by the model.
 */
final class SnsModel implements ResourceModel {
    private static final Set<String> EMAIL = Set.of("email", "email-json");
    private static final Set<String> FREE_DELIVERY = Set.of("lambda", "sqs", "firehose");

    @Override
    public ModelCost cost(TemplateResource resource, EstimateContext ctx) {
        double share = ctx.alertShare(resource.stack());
        double routed = ctx.value(Assumption.ROUTED_SHARE);
        if (resource.type().equals("AWS::SNS::Topic")) {
            return ModelCost.priced(0, share * routed * ctx.price(Price.SNS_PUBLISHES),
                    Notes.n(routed) + " publishes per alert (the routed share)" + Notes.share(share)
                            + (resource.property("KmsMasterKeyId").isMissingNode() ? "" : "; KMS requests priced on the key"));
        }
        String protocol = resource.text("Protocol").orElse("");
        if (EMAIL.contains(protocol)) {
            double perEmail = ctx.price(Price.SNS_EMAIL) / 100_000;
            return ModelCost.priced(0, share * routed * Units.MILLION * perEmail,
                    Notes.n(routed) + " e-mails per alert (one per publish)" + Notes.share(share));
        }
        if (FREE_DELIVERY.contains(protocol)) {
            return ModelCost.noCharge("deliveries to " + protocol + " are not billed by SNS");
        }
        return ModelCost.notPriced("SNS deliveries over '" + protocol + "'");
    }
}
