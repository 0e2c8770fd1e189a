package io.incidentpipeline.cost.estimate;

import java.util.Set;

/**
 * {@code AWS::SNS::Topic} and {@code AWS::SNS::Subscription}: a topic an incident-bus rule targets
 * gets one publish per routed alert, an e-mail subscription to it one e-mail per publish. Other
 * topics (budget or alarm notifications) get nothing per alert. Deliveries to Lambda and SQS are
 * free; other protocols are not priced by the model.
 */
final class SnsModel implements ResourceModel {
    private static final Set<String> EMAIL = Set.of("email", "email-json");
    private static final Set<String> FREE_DELIVERY = Set.of("lambda", "sqs", "firehose");

    @Override
    public ModelCost cost(TemplateResource resource, EstimateContext ctx) {
        if (resource.type().equals("AWS::SNS::Topic")) {
            double publishes = ctx.publishesPerAlert(resource);
            if (publishes == 0) {
                return ModelCost.priced(0, 0, "no incident rule targets it: no publishes per alert");
            }
            return ModelCost.priced(0, publishes * ctx.price(Price.SNS_PUBLISHES),
                    Notes.n(publishes) + " publishes per alert (routed by an incident rule)"
                            + (resource.property("KmsMasterKeyId").isMissingNode() ? "" : "; KMS requests priced on the key"));
        }
        String protocol = resource.text("Protocol").orElse("");
        if (EMAIL.contains(protocol)) {
            double emails = TemplateResource.target(resource.property("TopicArn"))
                    .flatMap(topic -> ctx.resource(resource.stack(), topic))
                    .map(ctx::publishesPerAlert).orElse(0.0);
            return ModelCost.priced(0, emails * Units.MILLION * ctx.price(Price.SNS_EMAIL) / 100_000,
                    Notes.n(emails) + " e-mails per alert (one per publish to its topic)");
        }
        if (FREE_DELIVERY.contains(protocol)) {
            return ModelCost.noCharge("deliveries to " + protocol + " are not billed by SNS");
        }
        return ModelCost.notPriced("SNS deliveries over '" + protocol + "'");
    }
}
