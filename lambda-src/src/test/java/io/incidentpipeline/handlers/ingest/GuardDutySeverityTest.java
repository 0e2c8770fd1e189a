package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A GuardDuty finding's severity score decides who is paged: read as a number, never guessed. */
class GuardDutySeverityTest {
    private static final String FINDING = Fixtures.text("aws/guardduty-finding.json");

    @ParameterizedTest
    @CsvSource({"9.5, CRITICAL", "8.2, HIGH", "7, HIGH", "5.3, MEDIUM", "2.0, LOW", "0, LOW", "10, CRITICAL"})
    void shouldRateTheFindingByItsScore_whenTheSeverityIsANumber(String score, Severity expected) {
        assertThat(normalize(FINDING.replace("\"severity\":8.2", "\"severity\":" + score)).severity()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"severity\":\"HIGH\"", "\"severity\":\"8.2\"", "\"severity\":null", "\"severity\":11",
            "\"severity\":-1", "\"severity\":{\"score\":8.2}"})
    void shouldRejectTheFindingNamingTheField_whenTheSeverityIsNotAScoreFrom0To10(String severity) {
        String event = FINDING.replace("\"severity\":8.2", severity);

        assertThatThrownBy(() -> normalize(event))
                .isInstanceOfSatisfying(RejectedNotificationException.class,
                        e -> assertThat(e.code()).isEqualTo("malformed_event"))
                .hasMessageStartingWith("The GuardDuty finding's detail.severity must be a JSON number from 0 to 10")
                .hasMessageContaining("got ");
    }

    @Test
    void shouldRejectTheFinding_whenItHasNoSeverity() {
        assertThatThrownBy(() -> normalize(FINDING.replace("\"severity\":8.2,", "")))
                .isInstanceOf(RejectedNotificationException.class)
                .hasMessageEndingWith("got none.");
    }

    @SuppressWarnings("unchecked")
    private static Alert normalize(String json) {
        Map<String, Object> event = (Map<String, Object>) Json.read(json);
        return AwsEventSources.all().get("aws.guardduty")
                .normalize((Map<String, Object>) event.get("detail"), event, Instant.now()).notifications().get(0).alert();
    }
}
