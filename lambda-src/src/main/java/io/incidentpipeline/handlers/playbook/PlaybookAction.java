package io.incidentpipeline.handlers.playbook;

/**
 * What a playbook does about one incident: the only part a playbook author writes. The
 * {@link PlaybookHandler} around it reads the incident from the table, claims the run (so a
 * redelivered event does not act twice), checks that the incident is still open and allowed by the
 * playbook's {@link PlaybookGuard}, records the result on the incident's timeline, and the
 * publisher announces it as {@code Playbook Succeeded}, {@code Failed} or {@code Skipped}.
 */
@FunctionalInterface
public interface PlaybookAction {
    /**
     * Acts on an incident, or in a dry run only reports what it would do. Must be idempotent: a run
     * that died after acting is run again.
     *
     * @param incident the incident as the table holds it
     * @param dryRun   when {@code true}, read what is needed and change nothing
     * @return what was (or would be) changed; {@link PlaybookResult#skipped} when the target must not
     *         be changed (opted out, another account or region); {@link PlaybookResult#failed} when
     *         the incident names no target this playbook can act on, or the target cannot be changed
     * @throws RuntimeException on an unexpected error; the handler records it as a failed run
     */
    PlaybookResult run(PlaybookIncident incident, boolean dryRun);
}
