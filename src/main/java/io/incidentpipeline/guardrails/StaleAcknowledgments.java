package io.incidentpipeline.guardrails;

/** What the gate does with an acknowledgment that suppresses no finding (stale, or a mistyped id). */
public enum StaleAcknowledgments {
    /** Report it, pass. */
    WARN,
    /** Report it, fail. */
    FAIL
}
