package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import java.util.Map;

/** Incidents for the playbook actions, as a finding of {@code aws-securityhub} opens them. */
final class Incidents {
    static final String ID = "inc_01M88MM7R0KRYSWZG60SPZEQ0A";

    private Incidents() {
    }

    /** @return an opened incident with these labels */
    static PlaybookIncident withLabels(Map<String, String> labels) {
        return new PlaybookIncident(ID, "Incident Opened", "aws-securityhub", "high", "aws", "security",
                "Finding", labels);
    }
}
