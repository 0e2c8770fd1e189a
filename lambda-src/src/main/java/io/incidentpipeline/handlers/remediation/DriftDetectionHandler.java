package io.incidentpipeline.handlers.remediation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.IncidentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduled drift check: detects drift in the configured stacks and records each drifted
 * resource as an alert, so it opens one incident, and each later run that still finds it counts
 * one more occurrence.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code DRIFT_STACK_NAMES} (comma-separated stack names).
 */
public final class DriftDetectionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    // Time kept after the detections for recording their alerts before Lambda's timeout.
    private static final Duration RECORDING_TIME = Duration.ofSeconds(30);
    // How long detections may run when there is no Lambda context to say how long is left.
    private static final Duration WAIT_WITHOUT_CONTEXT = Duration.ofMinutes(10);

    private final DriftDetector detector;
    private final IncidentRepository incidents;
    private final List<String> stackNames;
    private final Clock clock;

    /** For Lambda: configured from the environment, with the clients built once at init. */
    public DriftDetectionHandler() {
        this(new Environment(System.getenv()));
    }

    private DriftDetectionHandler(Environment env) {
        this(new DriftDetector(RemediationClients.cloudFormation(), Clock.systemUTC(), DriftDetector.Sleeper.blocking()),
                new IncidentRepository(AwsClients.dynamoDb(), env.required("TABLE_NAME"),
                        AwsClients.dynamoDb().serviceClientConfiguration().region().id()),
                stackNames(env.required("DRIFT_STACK_NAMES")), Clock.systemUTC());
    }

    /**
     * @param detector   detects the drift
     * @param incidents  records the drift alerts
     * @param stackNames the stacks to check
     * @param clock      the time of the alerts and of the detections' deadline
     */
    public DriftDetectionHandler(DriftDetector detector, IncidentRepository incidents, List<String> stackNames,
            Clock clock) {
        this.detector = detector;
        this.incidents = incidents;
        this.stackNames = List.copyOf(stackNames);
        this.clock = clock;
    }

    /**
     * @param event   the schedule's event; its content is not used
     * @param context bounds how long detections may run, or {@code null}
     * @return {@code stacksChecked} (stacks whose drift was read), {@code drifted} (resources found
     *         MODIFIED or DELETED), {@code incidents} (incidents this run opened: drift found before
     *         counts as an occurrence of its open incident) and {@code failedStacks} (stack → problem)
     * @throws RuntimeException when the table or CloudFormation cannot be reached; the schedule runs again
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Instant deadline = context == null ? clock.instant().plus(WAIT_WITHOUT_CONTEXT)
                : clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(RECORDING_TIME);
        int checked = 0;
        int drifted = 0;
        int opened = 0;
        Map<String, String> failed = new LinkedHashMap<>();
        for (StackDrift stack : detector.detect(stackNames, deadline)) {
            if (stack.checked()) {
                checked++;
            }
            if (stack.problem() != null) {
                failed.put(stack.stackName(), stack.problem());
                JsonLog.warn("drift detection failed", "stack", stack.stackName(), "errorMessage", stack.problem());
            }
            for (Alert alert : stack.alerts()) {
                IncidentRepository.RecordResult result = incidents.recordAlert(alert, clock.instant());
                drifted++;
                opened += result.deduplicated() ? 0 : 1;
                JsonLog.info("drift recorded", "stack", stack.stackName(),
                        "logicalResourceId", alert.labels().get("logicalResourceId"),
                        "driftStatus", alert.labels().get("driftStatus"),
                        "incidentId", result.incident().incidentId(), "deduplicated", result.deduplicated());
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("stacksChecked", checked);
        summary.put("drifted", drifted);
        summary.put("incidents", opened);
        summary.put("failedStacks", failed);
        JsonLog.info("drift check finished", "stacksChecked", checked, "drifted", drifted, "incidents", opened,
                "failedStacks", failed.size());
        return summary;
    }

    /** @return the distinct names of a comma-separated list */
    static List<String> stackNames(String commaSeparated) {
        List<String> names = Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
        if (names.isEmpty()) {
            throw new ConfigurationException("DRIFT_STACK_NAMES is '" + commaSeparated + "' and names no stack; set it"
                    + " to the comma-separated names of the stacks to check, e.g. orders-prod,payments-prod.");
        }
        return names;
    }
}
