package io.incidentpipeline.handlers.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
    private final List<String> fetched = new ArrayList<>();
    private final SecretCache cache = new SecretCache(arn -> {
        fetched.add(arn);
        return "value-" + fetched.size();
    }, clock);

    @Test
    void shouldReadEachSecretOnce_whenAskedAgainWithinFiveMinutes() {
        String first = cache.secret("arn:a");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));

        assertThat(cache.secret("arn:a")).isEqualTo(first);
        assertThat(cache.secret("arn:b")).isEqualTo("value-2");
        assertThat(fetched).containsExactly("arn:a", "arn:b");
    }

    @Test
    void shouldReadTheSecretAgain_whenFiveMinutesHavePassed() {
        cache.secret("arn:a");
        clock.advance(Duration.ofMinutes(5));

        assertThat(cache.secret("arn:a")).isEqualTo("value-2");
    }

    @Test
    void shouldAskOnlyForThePrimingSecret_andKeepNothing_whenPriming() {
        SecretCache refused = new SecretCache(arn -> {
            fetched.add(arn);
            throw new IllegalStateException("AccessDeniedException");
        }, clock);

        refused.prime();
        cache.prime();

        assertThat(fetched).containsExactly(SecretCache.PRIMING_SECRET_ID, SecretCache.PRIMING_SECRET_ID);
        assertThat(cache.secret("arn:a")).isEqualTo("value-3");
        assertThat(fetched).containsExactly(SecretCache.PRIMING_SECRET_ID, SecretCache.PRIMING_SECRET_ID, "arn:a");
    }
}
