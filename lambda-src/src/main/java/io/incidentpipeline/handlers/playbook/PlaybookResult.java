package io.incidentpipeline.handlers.playbook;

import java.util.List;
import java.util.Objects;

/**
 * The result of one playbook run, as written to the incident's timeline and carried by the
 * {@code Playbook Succeeded | Failed | Skipped} event.
 *
 * @param outcome how the run ended
 * @param summary one sentence for a person: what was found and done, or why nothing was
 * @param changes each change made, or in a dry run each change it would make, e.g.
 *                {@code "revoke sgr-0abc: tcp 22 from 0.0.0.0/0"}; empty when nothing changed
 */
public record PlaybookResult(Outcome outcome, String summary, List<String> changes) {
    /** How a run ends: every run ends in exactly one of these, recorded and announced. */
    public enum Outcome {
        /** It did (or, in a dry run, could do) what it is for; with nothing to change, too. */
        SUCCEEDED,
        /** It tried and could not: a person must look at the resource. */
        FAILED,
        /**
         * It decided not to act, and says why: the incident was resolved, its provenance is not one
         * the playbook trusts, the resource is opted out, or is outside the playbook's account and region.
         */
        SKIPPED;

        /** @return the event's {@code detail-type}, e.g. {@code Playbook Skipped} */
        public String detailType() {
            return "Playbook " + name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Checks and copies the result's parts.
     *
     * @param outcome how the run ended
     * @param summary one sentence for a person: what was found and done, or why nothing was
     * @param changes each change made, or in a dry run each change it would make; empty when none
     * @throws NullPointerException     when {@code outcome} or {@code changes} is null
     * @throws IllegalArgumentException when {@code summary} is blank
     */
    public PlaybookResult {
        Objects.requireNonNull(outcome, "outcome");
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("A playbook result needs a summary");
        }
        changes = List.copyOf(changes);
    }

    /**
     * @param summary one sentence for a person: what was found and done
     * @param changes each change made, or in a dry run each change it would make; empty when none
     * @return a successful run that made (or would make) {@code changes}
     */
    public static PlaybookResult succeeded(String summary, List<String> changes) {
        return new PlaybookResult(Outcome.SUCCEEDED, summary, changes);
    }

    /**
     * @param summary why the run failed and what a person should do
     * @return a failed run
     */
    public static PlaybookResult failed(String summary) {
        return new PlaybookResult(Outcome.FAILED, summary, List.of());
    }

    /**
     * @param reason why the playbook did not act
     * @return a run that deliberately changed nothing
     */
    public static PlaybookResult skipped(String reason) {
        return new PlaybookResult(Outcome.SKIPPED, reason, List.of());
    }

    /** @return whether the run succeeded */
    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
