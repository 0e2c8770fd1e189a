package io.incidentpipeline.guardrails;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the guardrails found in a synthesized app: one line per finding, naming the rule and the
 * construct path, as {@code AwsSolutions-SQS3 at MyStack/Queue/Resource}.
 */
public final class GuardrailsReport {
    private final List<String> findings;

    GuardrailsReport(List<String> findings) {
        this.findings = List.copyOf(findings);
    }

    /** @return every unacknowledged finding, error or warning; empty when the app is compliant */
    public List<String> getFindings() {
        return findings;
    }

    /** @return true when nothing was found */
    public boolean isCompliant() {
        return findings.isEmpty();
    }

    @Override
    public String toString() {
        return isCompliant() ? "compliant" : findings.stream().collect(Collectors.joining("\n  ", "findings:\n  ", ""));
    }
}
