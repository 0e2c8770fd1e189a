package io.incidentpipeline.handlers.playbook;

import java.util.Optional;

/**
 * What an incident must be for a playbook to act on it, checked on the incident as the table holds
 * it (never as the event describes it), after the run is claimed: a refusal ends the run
 * {@code SKIPPED} with its reason on the timeline.
 */
@FunctionalInterface
public interface PlaybookGuard {
    /** Acts on every incident that is still open. */
    PlaybookGuard OPEN_INCIDENTS = incident -> Optional.empty();

    /**
     * @param incident the open incident, as the table holds it
     * @return why the playbook must not act on it, or empty when it may
     */
    Optional<String> refusal(PlaybookIncident incident);
}
