package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The severity mapping of cost anomalies, at its boundaries. */
class CostAnomalyNormalizerTest {
    private final CostAnomalyNormalizer normalizer = new CostAnomalyNormalizer();

    @ParameterizedTest(name = "${0} -> {1}")
    @CsvSource({"1250.5, HIGH", "100, HIGH", "99.99, MEDIUM", "10, MEDIUM", "9.99, LOW", "0.42, LOW"})
    void shouldRateTheAnomalyByItsTotalImpact_whenNormalized(String totalImpact, Severity severity) {
        String message = "{\"anomalyId\":\"a-1\",\"monitorName\":\"services\",\"impact\":{\"totalImpact\":"
                + totalImpact + "}}";

        assertThat(normalizer.normalize(message, Instant.EPOCH).severity()).isEqualTo(severity);
    }
}
