package io.incidentpipeline.handlers.secrets;

/** Where a source's signing secret comes from: Secrets Manager in Lambda, a fixed value in tests. */
@FunctionalInterface
public interface SecretProvider {
    /**
     * @param secretArn the ARN from {@code ALERT_SECRET_ARNS}
     * @return the secret's value
     */
    String secret(String secretArn);

    /**
     * For SnapStart: exercises the path of reading a secret without obtaining or keeping any secret
     * value, so a snapshot never holds one. Failures are the point and are swallowed.
     */
    default void prime() {
    }
}
