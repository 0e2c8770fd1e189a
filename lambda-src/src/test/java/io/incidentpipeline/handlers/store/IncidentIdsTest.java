package io.incidentpipeline.handlers.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentIdsTest {
    @Test
    void shouldBeAPrefixedUlidThatSortsByTime_whenGenerated() {
        String earlier = IncidentIds.newId(Instant.parse("2026-11-25T06:00:00Z"));
        String later = IncidentIds.newId(Instant.parse("2026-11-25T06:00:00.001Z"));

        assertThat(earlier).matches("inc_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(earlier).startsWith("inc_01M88MM7R0"); // 48-bit milliseconds, Crockford base32
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void shouldNeverRepeat_whenManyAreGeneratedInTheSameMillisecond() {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(IncidentIds.newId(now));
        }
        assertThat(ids).hasSize(10_000);
    }
}
