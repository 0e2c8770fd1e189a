package io.incidentpipeline.handlers.playbook;

import java.time.Clock;
import java.util.List;

/**
 * The playbook to copy: its action only reports the incident it was given; everything around it
 * (claiming the incident so a redelivery does not act twice, recording the result on the timeline,
 * dry runs, logs) is {@link PlaybookHandler}'s, as for any playbook.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN}.
 */
public final class ExamplePlaybookHandler extends PlaybookHandler {
    /** What the example does: put a remediation here. */
    static final PlaybookAction TRIAGE = (incident, dryRun) -> PlaybookResult.succeeded("Triaged "
            + incident.severity() + " incident '" + incident.title() + "' of service " + incident.service()
            + "; a real playbook remediates here.", List.of());

    /** For Lambda: configured from the environment, with the client built once at init. */
    public ExamplePlaybookHandler() {
        super(TRIAGE);
    }

    /**
     * @param runs      the playbook's run records
     * @param incidents where it reads the incidents
     * @param clock     the time written into run records
     */
    public ExamplePlaybookHandler(PlaybookRuns runs, PlaybookIncidents incidents, Clock clock) {
        super(runs, incidents, TRIAGE, PlaybookGuard.OPEN_INCIDENTS, false, 2, clock);
    }
}
