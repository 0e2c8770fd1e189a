package io.incidentpipeline.handlers.secrets;

import io.incidentpipeline.handlers.common.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Signing secrets read from Secrets Manager by ARN and kept for {@link #TTL}: one
 * {@code GetSecretValue} per source per warm function every few minutes instead of one per alert,
 * while a rotated secret still takes effect within minutes without a redeploy.
 */
public final class SecretCache implements SecretProvider {
    /** How long a secret value is used before it is read again. */
    public static final Duration TTL = Duration.ofMinutes(5);
    /** What {@link #prime()} asks for: no function of the pipeline may read it. */
    static final String PRIMING_SECRET_ID = "incident-pipeline/snapstart-priming-no-such-secret";

    private final Function<String, String> fetch;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String value, Instant expiresAt) {
    }

    /** @param secretsManager the client that reads the secrets */
    public SecretCache(SecretsManagerClient secretsManager) {
        this(arn -> {
            String value = secretsManager.getSecretValue(b -> b.secretId(arn)).secretString();
            if (value == null) {
                throw new ConfigurationException("Secret " + arn + " holds binary data; store the source's"
                        + " signing key as a secret string.");
            }
            return value;
        }, Clock.systemUTC());
    }

    SecretCache(Function<String, String> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * Asks Secrets Manager for {@value #PRIMING_SECRET_ID}, a secret the function is not granted (or
     * that does not exist): the answer is an error, nothing is cached, and the client's whole
     * request and response path is loaded before the snapshot.
     */
    @Override
    public void prime() {
        try {
            fetch.apply(PRIMING_SECRET_ID);
        } catch (RuntimeException expected) {
            // AccessDeniedException or ResourceNotFoundException in AWS: the call is what was wanted.
        }
    }

    @Override
    public String secret(String secretArn) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretArn);
        if (cached == null || !now.isBefore(cached.expiresAt())) {
            cached = new Cached(fetch.apply(secretArn), now.plus(TTL));
            cache.put(secretArn, cached);
        }
        return cached.value();
    }
}
