package io.incidentpipeline.operator;

import io.incidentpipeline.guardrails.Guardrails;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.ReplicaRegion;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The key of the operator API's pagination cursors: a generated 48-character value in Secrets
 * Manager ($0.40 a month, plus $0.40 per replica). With replica regions, a cursor issued in one
 * region opens in every other, so a listing survives a failover between pages.
 */
public final class CursorSecret extends Construct {
    private final Secret secret;

    /**
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param secretName     the secret's name, or null for a generated one
     * @param replicaRegions regions that get a read replica
     * @param removalPolicy  what happens to the key when the stack is deleted
     */
    public CursorSecret(Construct scope, String id, String secretName, List<String> replicaRegions,
            RemovalPolicy removalPolicy) {
        super(scope, id);
        secret = Secret.Builder.create(this, "Resource")
                .secretName(secretName)
                .description("Keys the operator API's pagination cursors; rotating it only restarts open listings")
                .generateSecretString(SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true).build())
                .replicaRegions(replicaRegions.stream()
                        .map(region -> ReplicaRegion.builder().region(region).build())
                        .collect(Collectors.toList()))
                .removalPolicy(removalPolicy)
                .build();
        Guardrails.acknowledge(secret, "AwsSolutions-SMG4", "Rotating the cursor key only makes callers restart a"
                + " listing; the key never leaves the function and protects no data at rest, so the README's"
                + " one-command manual rotation replaces a rotation Lambda that would cost more than the secret.");
    }

    /** @return the secret */
    public ISecret getSecret() {
        return secret;
    }
}
