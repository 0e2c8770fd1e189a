package io.incidentpipeline.handlers.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import io.incidentpipeline.handlers.store.Provenance;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The remediations' settings from the environment, and the trigger checks on an incident's provenance. */
class RemediationSettingsTest {
    private static RemediationTriggers triggers(String json) {
        return RemediationTriggers.fromEnvironment(new Environment(Map.of("REMEDIATION_TRIGGERS", json,
                "ACCOUNT_ID", "123456789012", "AWS_REGION", "us-east-1")));
    }

    private static PlaybookIncident incident(String severity, Provenance provenance) {
        return new PlaybookIncident(Incidents.ID, "Incident Opened", "aws-securityhub", severity, "aws", "security",
                "Finding", Map.of(), provenance);
    }

    private static Provenance control(String controlId, String state, String compliance) {
        return new Provenance("aws-eventbridge", "aws/securityhub", null, controlId, compliance, state, false,
                "123456789012", "us-east-1");
    }

    @ParameterizedTest
    @CsvSource({
        "high, S3.8, NEW, FAILED, true",
        "medium, S3.8, NEW, FAILED, true",
        "low, S3.8, NEW, FAILED, false",
        "critical, S3.1, NEW, FAILED, false",
        "critical, S3.8, NOTIFIED, FAILED, false",
        "critical, S3.8, NEW, PASSED, false",
        "critical, S3.8, ARCHIVED, FAILED, false"})
    void shouldAllowOnlyAFindingOfAnAllowedControlStateComplianceAndSeverity(String severity, String controlId,
            String state, String compliance, boolean allowed) {
        assertThat(triggers(RemediationPlaybooksTest.BLOCK_TRIGGERS).refusal(incident(severity,
                control(controlId, state, compliance)))).as("refusal").matches(refusal -> refusal.isEmpty() == allowed);
    }

    @Test
    void shouldNameWhatIsNotAllowed() {
        assertThat(triggers(RemediationPlaybooksTest.BLOCK_TRIGGERS).refusal(incident("critical", control("S3.1", "NEW",
                "FAILED")))).hasValueSatisfying(reason -> assertThat(reason).contains("critical finding of aws/securityhub",
                "control S3.1", "state NEW", "compliance FAILED", "Remediation safety"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "[]", "[{\"product\":\"aws/guardduty\",\"findingStates\":[\"ACTIVE\"],"
            + "\"minimumSeverity\":\"urgent\"}]", "[{\"product\":7,\"minimumSeverity\":\"low\"}]", "not json"})
    void shouldRefuseATriggerListItsConstructDidNotWrite(String json) {
        assertThatThrownBy(() -> triggers(json)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("REMEDIATION_TRIGGERS");
    }

    @Test
    void shouldReadThePublicPorts_andRefuseWhatIsNoPort() {
        assertThat(RevokeOpenIngressPlaybook.publicPorts(new Environment(Map.of()))).containsExactlyInAnyOrder(80, 443);
        assertThat(RevokeOpenIngressPlaybook.publicPorts(new Environment(Map.of("PUBLIC_PORTS", "443, 8443"))))
                .containsExactlyInAnyOrder(443, 8443);
        assertThatThrownBy(() -> RevokeOpenIngressPlaybook.publicPorts(new Environment(Map.of("PUBLIC_PORTS", "80,http"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PUBLIC_PORTS is '80,http'");
        assertThatThrownBy(() -> RevokeOpenIngressPlaybook.publicPorts(new Environment(Map.of("PUBLIC_PORTS", "0"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("1-65535");
    }
}
