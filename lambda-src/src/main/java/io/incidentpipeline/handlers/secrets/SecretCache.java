package io.incidentpipeline.handlers.secrets;

import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.http.Dependencies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Signing secrets read from Secrets Manager by ARN and kept for {@link #TTL}: one
 * {@code GetSecretValue} per source per warm function every few minutes instead of one per alert,
 * while a rotated secret still takes effect within minutes without a redeploy.
 *
 * <p><b>Rotation without loss.</b> For a grace window after a rotation (counted from the creation
 * of the {@code AWSCURRENT} version, which {@code put-secret-value} creates), the {@code AWSPREVIOUS}
 * value is accepted too, so a sender still holding the old key is not refused while it is being
 * updated. It is read only inside that window (a second call per refresh); outside a rotation,
 * reading a secret costs one call. Removing the {@code AWSPREVIOUS} label ends the window early.
 *
 * <p><b>Bounded staleness.</b> When a read fails for a reason a retry may cure (Secrets Manager
 * unreachable, throttling, a 5xx), the last value read is served for up to {@link #MAX_STALENESS}
 * after it was read, with a WARN log line that is also the metric {@value #STALE_METRIC} (embedded
 * metric format, no API call), and read again every {@link #RETRY_INTERVAL}; past that bound the
 * failure is the caller's (a 503). A refusal (access denied, the secret deleted, its KMS key
 * disabled) is never masked: it is a decision, and may be a revocation.
 */
public final class SecretCache implements SecretProvider {
    /** How long a secret value is used before it is read again. */
    public static final Duration TTL = Duration.ofMinutes(5);
    /**
     * How long after its read a value is still served while Secrets Manager fails: long enough to
     * ride out a regional disruption of the service, while a key rotated meanwhile takes effect
     * within {@link #TTL} of Secrets Manager answering again.
     */
    public static final Duration MAX_STALENESS = Duration.ofHours(6);
    /** While a stale value is served, how often Secrets Manager is asked again. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(30);
    /** How long the previous value stays accepted after a rotation, unless configured otherwise. */
    public static final Duration DEFAULT_PREVIOUS_GRACE = Duration.ofHours(24);
    /** The variable that sets the grace window in seconds; 0 accepts only the current value. */
    public static final String GRACE_VARIABLE = "PREVIOUS_KEY_GRACE_SECONDS";
    /** The metric counting reads that failed and were answered with the last known value. */
    public static final String STALE_METRIC = "StaleSecretServed";
    /** What {@link #prime()} asks for: no function of the pipeline may read it. */
    static final String PRIMING_SECRET_ID = "incident-pipeline/snapstart-priming-no-such-secret";

    private final SecretVersions versions;
    private final Duration previousGrace;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();

    /**
     * What is known of one secret.
     *
     * @param current  the {@code AWSCURRENT} version
     * @param previous the {@code AWSPREVIOUS} value, if there is one and it was read (inside the grace window)
     * @param readAt   when Secrets Manager last answered for it
     * @param nextRead when to ask again
     */
    private record Entry(SecretVersions.Version current, Optional<String> previous, Instant readAt, Instant nextRead) {
    }

    /**
     * With the {@linkplain #DEFAULT_PREVIOUS_GRACE default grace window}.
     *
     * @param secretsManager the client that reads the secrets
     */
    public SecretCache(SecretsManagerClient secretsManager) {
        this(secretsManager, DEFAULT_PREVIOUS_GRACE, Clock.systemUTC());
    }

    /**
     * @param secretsManager the client that reads the secrets
     * @param previousGrace  how long after a rotation the previous value is accepted; zero accepts
     *                       only the current one
     * @param clock          the server's time
     */
    public SecretCache(SecretsManagerClient secretsManager, Duration previousGrace, Clock clock) {
        this(SecretVersions.of(secretsManager), previousGrace, clock);
    }

    /**
     * @param secretsManager the client that reads the secrets
     * @param environment    the function's environment: {@value #GRACE_VARIABLE}, default 86400 (24 hours)
     */
    public static SecretCache fromEnvironment(SecretsManagerClient secretsManager, Map<String, String> environment) {
        int grace = new Environment(environment).nonNegativeInt(GRACE_VARIABLE, (int) DEFAULT_PREVIOUS_GRACE.toSeconds());
        return new SecretCache(secretsManager, Duration.ofSeconds(grace), Clock.systemUTC());
    }

    SecretCache(SecretVersions versions, Duration previousGrace, Clock clock) {
        if (previousGrace.isNegative()) {
            throw new IllegalArgumentException("previousGrace must be zero or positive, got " + previousGrace);
        }
        this.versions = versions;
        this.previousGrace = previousGrace;
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
            versions.current(PRIMING_SECRET_ID);
        } catch (RuntimeException expected) {
            // AccessDeniedException or ResourceNotFoundException in AWS: the call is what was wanted.
        }
    }

    @Override
    public String secret(String secretArn) {
        return entry(secretArn).current().value();
    }

    @Override
    public List<String> acceptedSecrets(String secretArn) {
        Entry entry = entry(secretArn);
        String current = entry.current().value();
        return entry.previous()
                .filter(previous -> inGrace(entry.current(), clock.instant()) && !previous.equals(current))
                .map(previous -> List.of(current, previous))
                .orElse(List.of(current));
    }

    private Entry entry(String secretArn) {
        Instant now = clock.instant();
        Entry cached = cache.get(secretArn);
        if (cached != null && now.isBefore(cached.nextRead())) {
            return cached;
        }
        try {
            Entry fresh = read(secretArn, cached, now);
            cache.put(secretArn, fresh);
            return fresh;
        } catch (SdkException e) {
            if (cached == null || !Dependencies.isTransient(e)) {
                throw e;
            }
            Duration age = Duration.between(cached.readAt(), now);
            if (age.compareTo(MAX_STALENESS) > 0) {
                JsonLog.warn("secret unreadable and the last known value too old to serve", "secretArn", secretArn,
                        "ageSeconds", age.toSeconds(), "maxStalenessSeconds", MAX_STALENESS.toSeconds(),
                        "exception", e.getClass().getName());
                throw e;
            }
            Entry stale = new Entry(cached.current(), cached.previous(), cached.readAt(), now.plus(RETRY_INTERVAL));
            cache.put(secretArn, stale);
            JsonLog.warnWithMetrics("secret unreadable: serving the last known value",
                    List.of(new JsonLog.Metric(STALE_METRIC, 1, "Count")),
                    "secretArn", secretArn, "ageSeconds", age.toSeconds(),
                    "maxStalenessSeconds", MAX_STALENESS.toSeconds(), "exception", e.getClass().getName(),
                    "exceptionMessage", e.getMessage());
            return stale;
        }
    }

    private Entry read(String secretArn, Entry cached, Instant now) {
        SecretVersions.Version current = versions.current(secretArn);
        Optional<String> previous;
        if (!inGrace(current, now)) {
            previous = Optional.empty(); // no rotation in the window: no second call
        } else {
            // Read again at every refresh of the window, not once per version: removing the
            // AWSPREVIOUS label (revoking a leaked key) takes effect within the TTL.
            previous = versions.previous(secretArn);
        }
        return new Entry(current, previous, now, now.plus(TTL));
    }

    private boolean inGrace(SecretVersions.Version current, Instant now) {
        return current.created() != null && now.isBefore(current.created().plus(previousGrace));
    }
}
