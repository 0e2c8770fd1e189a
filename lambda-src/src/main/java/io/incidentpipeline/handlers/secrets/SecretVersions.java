package io.incidentpipeline.handlers.secrets;

import io.incidentpipeline.handlers.common.ConfigurationException;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** The two versions of a secret that authenticate requests, as Secrets Manager stages them. */
interface SecretVersions {
    /** Secrets Manager's label of the version before the current one, moved there by every rotation. */
    String PREVIOUS_STAGE = "AWSPREVIOUS";

    /**
     * A version of a secret.
     *
     * @param value     the secret string
     * @param versionId Secrets Manager's id of the version
     * @param created   when the version was created: for a {@code put-secret-value}, when the
     *                  rotation happened
     */
    record Version(String value, String versionId, Instant created) {
    }

    /** @return the {@code AWSCURRENT} version */
    Version current(String secretArn);

    /** @return the {@code AWSPREVIOUS} version's value; empty when the secret was never rotated */
    Optional<String> previous(String secretArn);

    /** @return the versions as Secrets Manager's {@code GetSecretValue} reads them */
    static SecretVersions of(SecretsManagerClient secretsManager) {
        return new SecretVersions() {
            @Override
            public Version current(String secretArn) {
                GetSecretValueResponse response = secretsManager.getSecretValue(b -> b.secretId(secretArn));
                return new Version(string(secretArn, response), response.versionId(), response.createdDate());
            }

            @Override
            public Optional<String> previous(String secretArn) {
                try {
                    return Optional.of(string(secretArn, secretsManager.getSecretValue(b -> b
                            .secretId(secretArn).versionStage(PREVIOUS_STAGE))));
                } catch (ResourceNotFoundException neverRotated) {
                    return Optional.empty();
                }
            }
        };
    }

    private static String string(String secretArn, GetSecretValueResponse response) {
        if (response.secretString() == null) {
            throw new ConfigurationException("Secret " + secretArn + " holds binary data; store the source's"
                    + " signing key as a secret string.");
        }
        return response.secretString();
    }
}
