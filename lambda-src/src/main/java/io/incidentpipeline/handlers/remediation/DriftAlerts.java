package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDrift;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;

/**
 * A drifted stack resource as an alert of source {@code aws-cloudformation-drift}: one incident per
 * stack, resource and drift status, which later runs finding the same drift count as occurrences.
 *
 * <p>The alert names each drifted property's path and how it differs ({@code NOT_EQUAL}, {@code ADD},
 * {@code REMOVE}), never its values: a property may hold a secret (an environment variable, a
 * policy, a key) that would travel into incidents, e-mail and chat. Only the properties of
 * {@link #SAFE_PROPERTIES}, sizes and switches that hold nothing secret, show expected and actual values.
 */
final class DriftAlerts {
    static final String SOURCE = "aws-cloudformation-drift";
    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 4096;
    private static final int MAX_DEDUP_KEY = 256;
    private static final int MAX_LABEL_VALUE = 256;

    /** Per resource type, the property paths whose values are safe to show: numbers, modes and switches. */
    static final Map<String, Set<String>> SAFE_PROPERTIES = Map.of(
            "AWS::Lambda::Function", Set.of("/MemorySize", "/Timeout", "/Runtime", "/Handler",
                    "/ReservedConcurrentExecutions", "/Architectures/0"),
            "AWS::Lambda::EventSourceMapping", Set.of("/BatchSize", "/Enabled", "/MaximumRetryAttempts",
                    "/MaximumRecordAgeInSeconds", "/BisectBatchOnFunctionError"),
            "AWS::SQS::Queue", Set.of("/VisibilityTimeout", "/MessageRetentionPeriod", "/DelaySeconds",
                    "/ReceiveMessageWaitTimeSeconds"),
            "AWS::Logs::LogGroup", Set.of("/RetentionInDays"),
            "AWS::Events::Rule", Set.of("/State", "/ScheduleExpression"),
            "AWS::CloudWatch::Alarm", Set.of("/Threshold", "/EvaluationPeriods", "/DatapointsToAlarm", "/Period",
                    "/ComparisonOperator", "/ActionsEnabled", "/TreatMissingData"),
            "AWS::DynamoDB::GlobalTable", Set.of("/BillingMode"),
            "AWS::ApiGateway::Stage", Set.of("/TracingEnabled"));

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
        Set<String> safe = SAFE_PROPERTIES.getOrDefault(drift.resourceType(), Set.of());
        String description = drift.propertyDifferences().stream()
                .map(d -> safe.contains(d.propertyPath())
                        ? d.propertyPath() + ": expected " + d.expectedValue() + ", actual " + d.actualValue()
                                + " (" + d.differenceTypeAsString() + ")"
                        : d.propertyPath() + ": " + d.differenceTypeAsString() + ", values withheld")
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
