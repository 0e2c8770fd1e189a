package io.incidentpipeline.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the guardrails found in a synthesized app: the findings no acknowledgment covers (one line
 * each, naming the rule and the construct path, as {@code AwsSolutions-SQS3 (error) at
 * MyStack/Queue/Resource}), acknowledgments that must not stand (made on a stack or the app, or
 * suppressing outside their construct), and stale acknowledgments (suppressing nothing).
 */
public final class GuardrailsReport {
    private final List<String> findings;
    private final List<String> acknowledgmentErrors;
    private final List<String> staleAcknowledgments;

    GuardrailsReport(List<String> findings, List<String> acknowledgmentErrors, List<String> staleAcknowledgments) {
        this.findings = List.copyOf(findings);
        this.acknowledgmentErrors = List.copyOf(acknowledgmentErrors);
        this.staleAcknowledgments = List.copyOf(staleAcknowledgments);
    }

    /** @return every unacknowledged finding, error or warning; empty when every resource passes */
    public List<String> getFindings() {
        return findings;
    }

    /** @return acknowledgments made on a stack or the app, or that suppressed a finding outside their construct */
    public List<String> getAcknowledgmentErrors() {
        return acknowledgmentErrors;
    }

    /** @return acknowledgments that suppress no finding: stale, or a mistyped id (a warning unless asked otherwise) */
    public List<String> getStaleAcknowledgments() {
        return staleAcknowledgments;
    }

    /** @return true when no finding is left and no acknowledgment is misplaced; stale ones only warn */
    public boolean isCompliant() {
        return findings.isEmpty() && acknowledgmentErrors.isEmpty();
    }

    /**
     * @param stale whether a stale acknowledgment fails the check
     * @return true when {@link #isCompliant()} and, if {@code stale} is {@link StaleAcknowledgments#FAIL}, none is stale
     */
    public boolean isCompliant(StaleAcknowledgments stale) {
        return isCompliant() && (stale == StaleAcknowledgments.WARN || staleAcknowledgments.isEmpty());
    }

    @Override
    public String toString() {
        List<String> sections = new ArrayList<>();
        if (!findings.isEmpty()) {
            sections.add(findings.stream().collect(Collectors.joining("\n  ", "findings:\n  ", "")));
        }
        if (!acknowledgmentErrors.isEmpty()) {
            sections.add(acknowledgmentErrors.stream().collect(Collectors.joining("\n  ", "acknowledgments that must not stand:\n  ", "")));
        }
        if (!staleAcknowledgments.isEmpty()) {
            sections.add(staleAcknowledgments.stream().collect(Collectors.joining("\n  ", "stale acknowledgments:\n  ", "")));
        }
        return sections.isEmpty() ? "compliant" : String.join("\n", sections);
    }
}
