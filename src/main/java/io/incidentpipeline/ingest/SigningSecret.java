package io.incidentpipeline.ingest;

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
 * An alert source's signing key: a generated 48-character value in Secrets Manager that the
 * sender is configured with. Only its ARN ever appears in templates and environments. With
 * replica regions, every region verifies signatures with the same key, so a sender can post to
 * the shared hostname wherever it is routed.
 */
public final class SigningSecret extends Construct {
    private final Secret secret;

    /**
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param source         the alert source the key signs for
     * @param secretName     the secret's name, or null for a generated one
     * @param replicaRegions regions that get a read replica of the secret ($0.40 a month each)
     * @param removalPolicy  what happens to the key when the stack is deleted
     */
    public SigningSecret(Construct scope, String id, AlertSource source, String secretName, List<String> replicaRegions,
            RemovalPolicy removalPolicy) {
        super(scope, id);
        secret = Secret.Builder.create(this, "Resource")
                .secretName(secretName)
                .description("Signing key of the '" + source.getId() + "' alert source: paste it into the sender")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(48)
                        .excludePunctuation(true)
                        .build())
                .replicaRegions(replicaRegions.stream()
                        .map(region -> ReplicaRegion.builder().region(region).build())
                        .collect(Collectors.toList()))
                .removalPolicy(removalPolicy)
                .build();
        Guardrails.acknowledge(secret, "AwsSolutions-SMG4", "A webhook signing key is pasted into the sending tool,"
                + " which automatic rotation cannot update; rotate it by hand as the README describes.");
    }

    /** @return the secret */
    public ISecret getSecret() {
        return secret;
    }
}
