package io.incidentpipeline.handlers.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.testsupport.LogLines;
import io.incidentpipeline.handlers.testsupport.MotoServer;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Reading, rotating and outliving Secrets Manager failures, against moto's Secrets Manager. */
class SecretCacheTest {
    private static final Duration GRACE = Duration.ofHours(24);
    private static MotoServer moto;
    private static SecretsManagerClient secretsManager;

    private MutableClock clock;
    private CountingVersions versions;
    private SecretCache cache;
    private String arn;

    @BeforeAll
    static void startSecretsManager() {
        moto = MotoServer.start();
        secretsManager = moto.secretsManager();
    }

    @AfterAll
    static void stopSecretsManager() {
        moto.close();
    }

    @BeforeEach
    void setUp() {
        // Secrets Manager dates versions by the wall clock: the cache's clock starts there.
        clock = new MutableClock(Instant.now());
        versions = new CountingVersions(SecretVersions.of(secretsManager));
        cache = new SecretCache(versions, GRACE, clock);
        arn = createSecret(secretsManager, "key-one");
    }

    @Test
    void shouldReadEachSecretOnce_whenAskedAgainWithinTheTtl() {
        String other = createSecret(secretsManager, "other-key");

        assertThat(cache.secret(arn)).isEqualTo("key-one");
        clock.advance(SecretCache.TTL.minusSeconds(1));
        assertThat(cache.secret(arn)).isEqualTo("key-one");
        assertThat(cache.acceptedSecrets(arn)).containsExactly("key-one");
        assertThat(cache.secret(other)).isEqualTo("other-key");

        assertThat(versions.currentReads).containsExactly(arn, other);
    }

    @Test
    void shouldAcceptTheNewAndThePreviousValue_whenTheSecretWasRotatedWithinTheGraceWindow() {
        cache.secret(arn);
        secretsManager.putSecretValue(b -> b.secretId(arn).secretString("key-two"));

        assertThat(cache.acceptedSecrets(arn)).as("within the TTL").containsExactly("key-one");
        clock.advance(SecretCache.TTL);
        assertThat(cache.secret(arn)).isEqualTo("key-two");
        assertThat(cache.acceptedSecrets(arn)).containsExactly("key-two", "key-one");

        clock.advance(GRACE);
        assertThat(cache.acceptedSecrets(arn)).as("after the grace window").containsExactly("key-two");
        int previousReads = versions.previousReads.get();
        clock.advance(SecretCache.TTL);
        cache.acceptedSecrets(arn);
        assertThat(versions.previousReads.get()).as("AWSPREVIOUS is not read outside a rotation").isEqualTo(previousReads);
    }

    @Test
    void shouldAcceptOnlyTheCurrentValue_whenTheSecretWasNeverRotated() {
        assertThat(cache.acceptedSecrets(arn)).containsExactly("key-one");
        assertThat(versions.previousReads.get()).as("asked, inside the window of the first version").isEqualTo(1);
    }

    @Test
    void shouldStopAcceptingThePreviousValue_whenItsLabelIsRemovedToRevokeIt() {
        String leakedVersion = secretsManager.getSecretValue(b -> b.secretId(arn)).versionId();
        secretsManager.putSecretValue(b -> b.secretId(arn).secretString("key-two"));
        assertThat(cache.acceptedSecrets(arn)).containsExactly("key-two", "key-one");

        secretsManager.updateSecretVersionStage(b -> b.secretId(arn).versionStage(SecretVersions.PREVIOUS_STAGE)
                .removeFromVersionId(leakedVersion));
        clock.advance(SecretCache.TTL);

        assertThat(cache.acceptedSecrets(arn)).containsExactly("key-two");
    }

    @Test
    void shouldAcceptOnlyTheCurrentValue_whenTheGraceWindowIsZero() {
        SecretCache strict = new SecretCache(versions, Duration.ZERO, clock);
        secretsManager.putSecretValue(b -> b.secretId(arn).secretString("key-two"));

        assertThat(strict.acceptedSecrets(arn)).containsExactly("key-two");
        assertThat(versions.previousReads.get()).isZero();
    }

    @Test
    void shouldServeTheLastKnownValueWithAMetric_whenSecretsManagerIsUnreachableAfterTheTtl() {
        MotoServer failing = MotoServer.start();
        CountingVersions failingVersions = new CountingVersions(SecretVersions.of(failing.secretsManager()));
        SecretCache cache = new SecretCache(failingVersions, GRACE, clock);
        String arn = createSecret(failing.secretsManager(), "known-key");
        cache.secret(arn);
        failing.close();
        clock.advance(SecretCache.TTL);

        List<Map<String, Object>> logs = LogLines.of(() -> assertThat(cache.secret(arn)).isEqualTo("known-key"));

        assertThat(logs).singleElement().satisfies(line -> {
            assertThat(line).containsEntry("level", "WARN")
                    .containsEntry("message", "secret unreadable: serving the last known value")
                    .containsEntry("secretArn", arn)
                    .containsEntry("ageSeconds", 300)
                    .containsEntry("maxStalenessSeconds", 21_600)
                    .containsEntry(SecretCache.STALE_METRIC, 1.0)
                    .doesNotContainValue("known-key");
            Map<?, ?> emf = (Map<?, ?>) line.get("_aws");
            assertThat(emf.get("Timestamp")).isInstanceOf(Number.class);
            assertThat(emf.get("CloudWatchMetrics")).isEqualTo(List.of(Map.of("Namespace", JsonLog.METRIC_NAMESPACE,
                    "Dimensions", List.of(List.of()),
                    "Metrics", List.of(Map.of("Name", SecretCache.STALE_METRIC, "Unit", "Count")))));
        });
        int reads = failingVersions.currentReads.size();
        clock.advance(SecretCache.RETRY_INTERVAL.minusSeconds(1));
        assertThat(cache.acceptedSecrets(arn)).containsExactly("known-key");
        assertThat(failingVersions.currentReads).as("no call until the retry interval passes").hasSize(reads);

        clock.advance(SecretCache.MAX_STALENESS);
        assertThatThrownBy(() -> cache.secret(arn)).as("past the staleness bound").isInstanceOf(SdkClientException.class);
    }

    @Test
    void shouldServeTheLastKnownValue_whenSecretsManagerThrottles() {
        FailingVersions failing = new FailingVersions(versions);
        SecretCache cache = new SecretCache(failing, GRACE, clock);
        cache.secret(arn);
        failing.failure = serviceError(400, "ThrottlingException");
        clock.advance(SecretCache.TTL);

        assertThat(cache.secret(arn)).isEqualTo("key-one");
        failing.failure = serviceError(500, "InternalServiceError");
        clock.advance(SecretCache.RETRY_INTERVAL);
        assertThat(cache.secret(arn)).isEqualTo("key-one");
    }

    @Test
    void shouldFailAtOnce_whenSecretsManagerRefusesTheRead() {
        FailingVersions failing = new FailingVersions(versions);
        SecretCache cache = new SecretCache(failing, GRACE, clock);
        cache.secret(arn);
        failing.failure = serviceError(400, "AccessDeniedException");
        clock.advance(SecretCache.TTL);

        assertThatThrownBy(() -> cache.secret(arn)).as("a refusal may be a revocation: never masked")
                .isInstanceOf(SecretsManagerException.class).hasMessageContaining("AccessDenied");
    }

    @Test
    void shouldFail_whenSecretsManagerIsUnreachableAndNothingIsKnown() {
        FailingVersions failing = new FailingVersions(versions);
        failing.failure = SdkClientException.create("Unable to execute HTTP request: Connection refused");

        assertThatThrownBy(() -> new SecretCache(failing, GRACE, clock).secret(arn)).isInstanceOf(SdkClientException.class);
    }

    @Test
    void shouldAskOnlyForThePrimingSecret_andKeepNothing_whenPriming() {
        cache.prime();

        assertThat(versions.currentReads).containsExactly(SecretCache.PRIMING_SECRET_ID);
        assertThat(cache.secret(arn)).isEqualTo("key-one");
        assertThat(versions.currentReads).containsExactly(SecretCache.PRIMING_SECRET_ID, arn);
    }

    private static String createSecret(SecretsManagerClient secretsManager, String value) {
        return secretsManager.createSecret(b -> b.name("incident-pipeline/test-" + System.nanoTime())
                .secretString(value)).arn();
    }

    private static SecretsManagerException serviceError(int status, String code) {
        return (SecretsManagerException) SecretsManagerException.builder()
                .statusCode(status)
                .message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .build();
    }

    /** Secrets Manager's answers, counted. */
    private static final class CountingVersions implements SecretVersions {
        final List<String> currentReads = new ArrayList<>();
        final AtomicInteger previousReads = new AtomicInteger();
        private final SecretVersions delegate;

        CountingVersions(SecretVersions delegate) {
            this.delegate = delegate;
        }

        @Override
        public Version current(String secretArn) {
            currentReads.add(secretArn);
            return delegate.current(secretArn);
        }

        @Override
        public Optional<String> previous(String secretArn) {
            previousReads.incrementAndGet();
            return delegate.previous(secretArn);
        }
    }

    /** Secrets Manager answering with an error the service can return, when told to. */
    private static final class FailingVersions implements SecretVersions {
        RuntimeException failure;
        private final SecretVersions delegate;

        FailingVersions(SecretVersions delegate) {
            this.delegate = delegate;
        }

        @Override
        public Version current(String secretArn) {
            if (failure != null) {
                throw failure;
            }
            return delegate.current(secretArn);
        }

        @Override
        public Optional<String> previous(String secretArn) {
            if (failure != null) {
                throw failure;
            }
            return delegate.previous(secretArn);
        }
    }
}
