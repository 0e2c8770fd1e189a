package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import io.incidentpipeline.handlers.store.Provenance;
import java.util.Map;

/** Incidents for the playbook actions, as findings of {@code aws-securityhub} and {@code aws-guardduty} open them. */
final class Incidents {
    static final String ID = "inc_01M88MM7R0KRYSWZG60SPZEQ0A";
    static final String ACCOUNT = "123456789012";

    private Incidents() {
    }

    /** @return an opened incident of a Security Hub control finding with these labels */
    static PlaybookIncident withLabels(Map<String, String> labels) {
        return ofControl("EC2.19", labels);
    }

    /** @return an opened incident of a failed Security Hub control with these labels */
    static PlaybookIncident ofControl(String controlId, Map<String, String> labels) {
        return new PlaybookIncident(ID, "Incident Opened", "aws-securityhub", "high", "aws", "security",
                "Finding", labels, new Provenance(Provenance.VERIFIED_BY_EVENTBRIDGE, "aws/securityhub", null, controlId,
                        "FAILED", "NEW", false, ACCOUNT, "us-east-1"));
    }

    /** @return an opened incident of a GuardDuty finding with these labels */
    static PlaybookIncident ofGuardDuty(String findingType, Map<String, String> labels) {
        return new PlaybookIncident(ID, "Incident Opened", "aws-guardduty", "low", "Instance", "security",
                "Finding", labels, new Provenance(Provenance.VERIFIED_BY_EVENTBRIDGE, "aws/guardduty", findingType, null,
                        null, "ACTIVE", false, ACCOUNT, "us-east-1"));
    }
}
