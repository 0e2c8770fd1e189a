package io.incidentpipeline.cost.estimate;

/**
 * {@code AWS::SecretsManager::Secret}: $0.40 a month, once more for each replica region. The
 * ingest function caches a signing key for 5 minutes, so its API calls (at most 8,640 a month per
 * warm instance, about $0.04) are noted, not priced.
 */
final class SecretModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource secret, EstimateContext ctx) {
        int copies = 1 + secret.property("ReplicaRegions").size();
        return ModelCost.priced(copies * ctx.price(Price.SECRET), 0, copies + " secret(s) incl. replicas;"
                + " each function that reads it keeps the value 5 minutes: API calls not priced (≈ $0.04 a month"
                + " per warm instance)");
    }
}
