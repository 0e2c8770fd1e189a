package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.store.Alert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.StackDriftDetectionStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;

/**
 * Runs CloudFormation drift detection on stacks and turns each resource that was MODIFIED or
 * DELETED outside CloudFormation into an alert ({@link DriftAlerts}). Detection of all the stacks
 * is started first and then polled, so the stacks are checked in parallel, not one after another.
 */
public final class DriftDetector {
    /** How long to wait between two polls of the running detections. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    /** Waits between polls; tests pass one that only moves their clock. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code duration}. */
        void sleep(Duration duration);

        /** @return a sleeper that blocks the calling thread */
        static Sleeper blocking() {
            return duration -> {
                try {
                    Thread.sleep(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for drift detection", e);
                }
            };
        }
    }

    private final CloudFormationClient cfn;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param cfn     the client, in the stacks' region
     * @param clock   the time the deadline is measured in
     * @param sleeper waits between polls
     */
    public DriftDetector(CloudFormationClient cfn, Clock clock, Sleeper sleeper) {
        this.cfn = cfn;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Detects drift in each stack. A stack that does not exist, or whose detection fails or is not
     * finished by {@code deadline}, is reported with its problem; the others are still checked.
     *
     * @return one result per stack, in the order given
     * @throws software.amazon.awssdk.core.exception.SdkClientException when CloudFormation cannot be reached
     */
    public List<StackDrift> detect(List<String> stackNames, Instant deadline) {
        Map<String, StackDrift> results = new LinkedHashMap<>();
        Map<String, String> running = new LinkedHashMap<>();
        for (String stack : stackNames) {
            results.put(stack, null);
            try {
                running.put(stack, cfn.detectStackDrift(b -> b.stackName(stack)).stackDriftDetectionId());
            } catch (CloudFormationException e) {
                results.put(stack, StackDrift.failed(stack, "could not start drift detection: " + reason(e)));
            }
        }
        while (!running.isEmpty()) {
            for (Iterator<Map.Entry<String, String>> it = running.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, String> detection = it.next();
                Optional<StackDrift> finished = poll(detection.getKey(), detection.getValue());
                if (finished.isPresent()) {
                    results.put(detection.getKey(), finished.get());
                    it.remove();
                }
            }
            if (!running.isEmpty() && !clock.instant().isBefore(deadline)) {
                running.forEach((stack, id) -> results.put(stack, StackDrift.failed(stack, "drift detection " + id
                        + " did not finish by " + deadline + "; CloudFormation may still be running it (see the stack's"
                        + " drift status), and the next run checks the stack again")));
                running.clear();
            } else if (!running.isEmpty()) {
                sleeper.sleep(POLL_INTERVAL);
            }
        }
        return List.copyOf(results.values());
    }

    /** @return the stack's result once its detection has finished, empty while it runs */
    private Optional<StackDrift> poll(String stack, String detectionId) {
        try {
            DescribeStackDriftDetectionStatusResponse status =
                    cfn.describeStackDriftDetectionStatus(b -> b.stackDriftDetectionId(detectionId));
            if (status.detectionStatus() == StackDriftDetectionStatus.DETECTION_IN_PROGRESS) {
                return Optional.empty();
            }
            if (status.detectionStatus() == StackDriftDetectionStatus.DETECTION_COMPLETE) {
                return Optional.of(StackDrift.checked(stack, drifted(stack)));
            }
            // DETECTION_FAILED: the resources CloudFormation could check still have valid results.
            return Optional.of(StackDrift.partly(stack, drifted(stack), "drift detection " + detectionId + " failed for"
                    + " some resources: " + Optional.ofNullable(status.detectionStatusReason()).orElse("no reason given")));
        } catch (CloudFormationException e) {
            return Optional.of(StackDrift.failed(stack, "could not read drift detection " + detectionId + ": " + reason(e)));
        }
    }

    private List<Alert> drifted(String stack) {
        return cfn.describeStackResourceDriftsPaginator(b -> b.stackName(stack)
                        .stackResourceDriftStatusFilters(StackResourceDriftStatus.MODIFIED, StackResourceDriftStatus.DELETED))
                .stream()
                .flatMap(page -> page.stackResourceDrifts().stream())
                .map(drift -> DriftAlerts.of(stack, drift, clock.instant()))
                .toList();
    }

    private static String reason(CloudFormationException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }
}
