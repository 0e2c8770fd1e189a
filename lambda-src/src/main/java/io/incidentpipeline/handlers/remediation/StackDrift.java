package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.store.Alert;
import java.util.List;

/**
 * What drift detection found in one stack.
 *
 * @param stackName the stack
 * @param checked   whether its drift results were read (all of them, or those of the resources
 *                  CloudFormation could check)
 * @param alerts    one alert per drifted resource; empty when none drifted or none was read
 * @param problem   why detection failed, in whole or in part; {@code null} when it did not
 */
public record StackDrift(String stackName, boolean checked, List<Alert> alerts, String problem) {
    public StackDrift {
        alerts = List.copyOf(alerts);
    }

    /** @return a stack whose detection completed */
    static StackDrift checked(String stackName, List<Alert> alerts) {
        return new StackDrift(stackName, true, alerts, null);
    }

    /** @return a stack whose detection failed for some resources, with the drift of the others */
    static StackDrift partly(String stackName, List<Alert> alerts, String problem) {
        return new StackDrift(stackName, true, alerts, problem);
    }

    /** @return a stack that could not be checked */
    static StackDrift failed(String stackName, String problem) {
        return new StackDrift(stackName, false, List.of(), problem);
    }
}
