package io.incidentpipeline.cost.estimate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code AWS::KMS::Key}: $1 a month while it exists, enabled or not; per alert, the requests of
 * the SNS topics it encrypts (one per publish per alert, conservatively). Other users of the key (tables,
 * queues, logs) cache data keys, so their requests are noted, not priced.
 */
final class KmsKeyModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource key, EstimateContext ctx) {
        List<TemplateResource> users = ctx.referrers(key).stream()
                .filter(r -> !r.type().startsWith("AWS::IAM::") && !r.type().equals("AWS::KMS::Alias"))
                .toList();
        List<TemplateResource> topics = users.stream().filter(r -> r.type().equals("AWS::SNS::Topic")).toList();
        double perRequest = ctx.price(Price.KMS_REQUESTS) / 10_000;
        double requestsPerAlert = topics.stream().mapToDouble(ctx::publishesPerAlert).sum()
                * ctx.value(Assumption.KMS_REQUESTS_PER_SNS_PUBLISH);
        StringBuilder note = new StringBuilder("customer managed key");
        if (key.isTrue("EnableKeyRotation")) {
            note.append(" (rotation adds $1 a month at each of the first two yearly rotations)");
        }
        if (!topics.isEmpty()) {
            note.append("; ").append(Notes.n(requestsPerAlert)).append(" requests per alert from ").append(topics.size())
                    .append(" SNS topic(s)");
        }
        String others = users.stream().filter(r -> !r.type().equals("AWS::SNS::Topic"))
                .map(TemplateResource::type).distinct().collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            note.append("; also used by ").append(others).append(" (data keys cached: requests not priced)");
        }
        return ModelCost.priced(ctx.price(Price.KMS_KEY), requestsPerAlert * Units.MILLION * perRequest, note.toString());
    }
}
