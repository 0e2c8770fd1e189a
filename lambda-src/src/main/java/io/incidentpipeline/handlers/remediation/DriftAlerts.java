package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;

/**
 * A drifted stack resource as an alert of source {@code aws-cloudformation-drift}: one incident per
 * stack, resource and drift status, which later runs finding the same drift count as occurrences.
 */
final class DriftAlerts {
    static final String SOURCE = "aws-cloudformation-drift";
    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 4096;
    private static final int MAX_DEDUP_KEY = 256;
    private static final int MAX_LABEL_VALUE = 256;

    private DriftAlerts() {
    }

    /**
     * @param checkedAt when the drift was read: the alert's time when CloudFormation gives no detection time
     * @return the alert of one resource of {@code stackName} whose status is MODIFIED or DELETED, which
     *         happened when CloudFormation detected it
     */
    static Alert of(String stackName, StackResourceDrift drift, Instant checkedAt) {
        String status = drift.stackResourceDriftStatusAsString();
        boolean deleted = drift.stackResourceDriftStatus() == StackResourceDriftStatus.DELETED;
        String description = drift.propertyDifferences().stream()
                .map(d -> d.propertyPath() + ": expected " + d.expectedValue() + ", actual " + d.actualValue()
                        + " (" + d.differenceTypeAsString() + ")")
                .collect(Collectors.joining("\n"));
        if (description.isEmpty() && deleted) {
            description = "The resource " + drift.physicalResourceId() + " no longer exists; the stack still expects it.";
        }
        Map<String, String> labels = new LinkedHashMap<>();
        label(labels, "stack", stackName);
        label(labels, "logicalResourceId", drift.logicalResourceId());
        label(labels, "physicalResourceId", drift.physicalResourceId());
        label(labels, "resourceType", drift.resourceType());
        label(labels, "driftStatus", status);
        return new Alert(SOURCE, deleted ? Severity.HIGH : Severity.MEDIUM,
                Names.truncate("Drift in " + stackName + ": " + drift.logicalResourceId() + " (" + drift.resourceType()
                        + ") " + status, MAX_TITLE),
                description.isEmpty() ? null : Names.truncate(description, MAX_DESCRIPTION),
                Names.of(stackName), "drift",
                Names.truncate(stackName + "|" + drift.logicalResourceId() + "|" + status, MAX_DEDUP_KEY), labels,
                drift.timestamp() != null ? drift.timestamp() : checkedAt);
    }

    private static void label(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(name, Names.truncate(value, MAX_LABEL_VALUE));
        }
    }
}
