package com.example.checkout.playbook;

import io.incidentpipeline.handlers.playbook.PlaybookAction;
import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import io.incidentpipeline.handlers.playbook.PlaybookResult;
import java.util.List;

/**
 * The action: turn off the feature flag the incident names in its {@code featureFlag} label. The
 * SDK's PlaybookHandler around it reads the incident, makes sure it runs once per incident, checks
 * the incident is still open and allowed ({@link KillSwitchPlaybook#OWN_FLAGS}), and records the result.
 */
public final class KillSwitch implements PlaybookAction {
    /** The label that names the flag. */
    public static final String FLAG_LABEL = "featureFlag";

    private final FeatureFlags flags;

    /** @param flags where the flags live */
    public KillSwitch(FeatureFlags flags) {
        this.flags = flags;
    }

    @Override
    public PlaybookResult run(PlaybookIncident incident, boolean dryRun) {
        String flag = incident.labels().get(FLAG_LABEL);
        if (flag == null) {
            return PlaybookResult.failed("Incident " + incident.incidentId() + " names no feature flag (label "
                    + FLAG_LABEL + "); turn the flag off by hand if one caused it.");
        }
        String change = "turn off feature flag " + flag;
        if (dryRun) {
            return flags.isOn(flag)
                    ? PlaybookResult.succeeded("Dry run: would " + change + ".", List.of(change))
                    : PlaybookResult.succeeded("Dry run: feature flag " + flag + " is off or unknown; nothing to do.", List.of());
        }
        return switch (flags.turnOff(flag, incident.incidentId())) {
            case TURNED_OFF -> PlaybookResult.succeeded("Turned off feature flag " + flag + " for " + incident.severity()
                    + " incident '" + incident.title() + "'.", List.of(change));
            case ALREADY_OFF -> PlaybookResult.succeeded("Feature flag " + flag + " was off already.", List.of());
            case UNKNOWN -> PlaybookResult.failed("Feature flag " + flag + " does not exist; check the incident's"
                    + " " + FLAG_LABEL + " label.");
        };
    }
}
