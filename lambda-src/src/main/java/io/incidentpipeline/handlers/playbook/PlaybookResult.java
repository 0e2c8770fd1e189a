package io.incidentpipeline.handlers.playbook;

import java.util.List;

/**
 * The result of one playbook run, as written to the incident's timeline and carried by the
 * {@code Playbook Succeeded | Failed} event.
 *
 * @param succeeded whether the playbook did (or, in a dry run, could do) what it is for; a run
 *                  with nothing to change succeeds
 * @param summary   one sentence for a person: what was found and done
 * @param changes   each change made, or in a dry run each change it would make, e.g.
 *                  {@code "revoke sgr-0abc: tcp 22 from 0.0.0.0/0"}; empty when nothing needed changing
 */
public record PlaybookResult(boolean succeeded, String summary, List<String> changes) {
    public PlaybookResult {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("A playbook result needs a summary");
        }
        changes = List.copyOf(changes);
    }

    /** @return a successful run that made (or would make) {@code changes} */
    public static PlaybookResult succeeded(String summary, List<String> changes) {
        return new PlaybookResult(true, summary, changes);
    }

    /** @return a failed run: {@code summary} says why and what a person should do */
    public static PlaybookResult failed(String summary) {
        return new PlaybookResult(false, summary, List.of());
    }
}
