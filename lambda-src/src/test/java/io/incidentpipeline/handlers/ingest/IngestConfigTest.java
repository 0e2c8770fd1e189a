package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.common.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:generic-AbCdEf";

    @Test
    void shouldUseTheDefaults_whenOnlyTheRequiredVariablesAreSet() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of("TABLE_NAME", "incidents",
                "ALERT_SOURCES", " generic ", "ALERT_SECRET_ARNS", "generic=" + ARN));

        assertThat(config.enabledSources()).containsExactly("generic");
        assertThat(config.secretArns()).containsExactly(Map.entry("generic", ARN));
        assertThat(config.replayWindow()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.maxBodyBytes()).isEqualTo(65536);
    }

    @Test
    void shouldNameTheVariable_whenTheTableIsMissing() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("TABLE_NAME");
    }

    @Test
    void shouldNameTheSource_whenAnEnabledSourceHasNoSecret() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("TABLE_NAME", "t", "ALERT_SOURCES", "generic")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERT_SECRET_ARNS", "'generic'");
    }

    @Test
    void shouldNameTheEntry_whenASecretPairIsMalformed() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("TABLE_NAME", "t", "ALERT_SECRET_ARNS", ARN)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("source=secretArn");
    }

    @Test
    void shouldNameTheVariableAndValue_whenANumberIsNotPositive() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("TABLE_NAME", "t", "MAX_BODY_BYTES", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MAX_BODY_BYTES", "'-1'");
    }

    @Test
    void shouldFailAtInit_whenASourceIsEnabledThatTheHandlerDoesNotSupport() {
        IngestConfig config = new IngestConfig("t", List.of("nagios"), Map.of("nagios", ARN), Duration.ofSeconds(300),
                1024, new DeliveryHorizon(Duration.ofHours(24)));

        assertThatThrownBy(() -> new IngestHandler(config,
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .build(), arn -> "s", java.time.Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALERT_SOURCES", "'nagios'", "generic");
    }
}
