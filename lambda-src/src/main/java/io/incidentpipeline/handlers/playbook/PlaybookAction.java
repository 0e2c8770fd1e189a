package io.incidentpipeline.handlers.playbook;

/**
 * What a playbook does about one incident: the only part a playbook author writes. The
 * {@link PlaybookHandler} around it claims the incident first (so a redelivered event does not act
 * twice), records the result on the incident's timeline, and the publisher announces it as
 * {@code Playbook Succeeded} or {@code Playbook Failed}.
 */
@FunctionalInterface
public interface PlaybookAction {
    /**
     * Acts on an incident, or in a dry run only reports what it would do.
     *
     * @param incident the incident the event carried
     * @param dryRun   when {@code true}, read what is needed and change nothing
     * @return what was (or would be) changed; {@link PlaybookResult#failed} when the incident does not
     *         name a target this playbook can act on, or the target cannot be changed
     * @throws RuntimeException on an unexpected error; the handler records it as a failed run
     */
    PlaybookResult run(PlaybookIncident incident, boolean dryRun);
}
