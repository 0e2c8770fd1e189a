package io.incidentpipeline.handlers.secrets;

import java.util.List;

/** Where a source's signing secret comes from: Secrets Manager in Lambda, a fixed value in tests. */
@FunctionalInterface
public interface SecretProvider {
    /**
     * @param secretArn the ARN from {@code ALERT_SECRET_ARNS}
     * @return the secret's current value
     */
    String secret(String secretArn);

    /**
     * The values a request may be authenticated with: the current one, and after a rotation the
     * previous one until its grace window ends, so a sender still holding the old key loses nothing
     * while it is being updated.
     *
     * @param secretArn the ARN from {@code ALERT_SECRET_ARNS}
     * @return the current value first, then the previous one while it is accepted
     */
    default List<String> acceptedSecrets(String secretArn) {
        return List.of(secret(secretArn));
    }

    /**
     * For SnapStart: exercises the path of reading a secret without obtaining or keeping any secret
     * value, so a snapshot never holds one. Failures are the point and are swallowed.
     */
    default void prime() {
    }
}
