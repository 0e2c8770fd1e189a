package io.incidentpipeline.handlers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The times alert sources send, each in its own format. */
class TimestampsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-25T05:58:12.169Z            | PagerDuty occurred_at, Security Hub UpdatedAt
            2026-11-25T05:58:12.169+0000        | CloudWatch state.timestamp
            2026-11-25T06:58:12.169+01:00       | an ISO-8601 offset with a colon
            Wed, 25 Nov 2026 05:58:12 GMT       | AWS Health startTime (RFC 1123), at second precision
            1795586292169                       | epoch milliseconds (Datadog $DATE, New Relic, Opsgenie createdAt)
            1795586292169000000                 | epoch nanoseconds (Opsgenie updatedAt)
            1795586292                          | epoch seconds
            """)
    void shouldReadEachSourcesTimeFormat(String text, String source) {
        Instant expected = text.startsWith("Wed") || text.length() == 10
                ? Instant.parse("2026-11-25T05:58:12Z") : Instant.parse("2026-11-25T05:58:12.169Z");

        assertThat(Timestamps.parseSourceTime(text)).as(source).contains(expected);
    }

    @Test
    void shouldReadNumbers_asJsonCarriesThem() {
        assertThat(Timestamps.parseSourceTime(1795586292169L)).contains(Instant.parse("2026-11-25T05:58:12.169Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-13-45T00:00:00Z", "-5", "0"})
    void shouldReadNothing_fromWhatIsNoTime(String text) {
        assertThat(Timestamps.parseSourceTime(text)).isEmpty();
    }
}
