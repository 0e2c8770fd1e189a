package io.incidentpipeline.handlers.playbook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link PlaybookAction} on the incident events a rule routes to it, exactly once in effect:
 * <ol>
 *   <li>claims the incident in its run record (a redelivered event stops here);</li>
 *   <li>runs the action, for real or, in a dry run, only reporting what it would change;</li>
 *   <li>records the result on the run record, the incident's timeline entry for this playbook,
 *       from which the publisher emits {@code Playbook Succeeded} or {@code Playbook Failed}.</li>
 * </ol>
 * An action that throws is recorded as a failed run (with the error's type and message) rather than
 * retried: remediations act on live resources, and a person decides what a failure means. Only a
 * failure to record the claim or the result is thrown, so that Lambda retries the event.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN} ({@code true} or
 * {@code false}; default {@code true}, so that a function deployed by hand changes nothing until
 * told to).
 */
public class PlaybookHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final PlaybookRuns runs;
    private final PlaybookAction action;
    private final boolean dryRun;
    private final Clock clock;

    /**
     * For Lambda: the run records and mode from the environment, the client built once at init.
     *
     * @param action what the playbook does
     */
    protected PlaybookHandler(PlaybookAction action) {
        this(runsFromEnvironment(), action, dryRunFromEnvironment(new Environment(System.getenv())), Clock.systemUTC());
    }

    /**
     * @param runs   the playbook's run records
     * @param action what it does
     * @param dryRun whether it only reports what it would change
     * @param clock  the time written into run records
     */
    public PlaybookHandler(PlaybookRuns runs, PlaybookAction action, boolean dryRun, Clock clock) {
        this.runs = runs;
        this.action = action;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    private static PlaybookRuns runsFromEnvironment() {
        Environment env = new Environment(System.getenv());
        return new PlaybookRuns(AwsClients.dynamoDb(), env.required("TABLE_NAME"), env.required("PLAYBOOK_NAME"));
    }

    static boolean dryRunFromEnvironment(Environment env) {
        String value = env.optional("DRY_RUN", "true");
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigurationException("DRY_RUN is '" + value + "'; set it to true (report only) or false (act).");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * @param event the EventBridge event: {@code id}, {@code detail-type}, and the incident as {@code detail}
     * @return what the run did: {@code incidentId}, {@code playbook}, {@code ran} and, when it ran,
     *         {@code outcome}, {@code dryRun}, {@code summary} and {@code changes}
     * @throws IllegalArgumentException when the event carries no incident: retrying cannot help, so it
     *                                  ends in the playbook's dead-letter queue
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        PlaybookIncident incident = PlaybookIncident.fromEvent(event);
        String eventId = String.valueOf(event.get("id"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incidentId", incident.incidentId());
        answer.put("playbook", runs.playbookName());
        if (!runs.claim(incident.incidentId(), eventId, incident.detailType(), dryRun, clock.instant())) {
            JsonLog.info("playbook already ran for this incident; redelivery ignored", "playbook", runs.playbookName(),
                    "incidentId", incident.incidentId(), "eventId", eventId);
            answer.put("ran", false);
            return answer;
        }
        PlaybookResult result = run(incident);
        runs.finish(incident.incidentId(), eventId, result, clock.instant());
        JsonLog.info(result.succeeded() ? "playbook succeeded" : "playbook failed", "playbook", runs.playbookName(),
                "incidentId", incident.incidentId(), "eventId", eventId, "dryRun", dryRun,
                "summary", result.summary(), "changes", result.changes().size());
        answer.put("ran", true);
        answer.put("outcome", result.succeeded() ? "SUCCEEDED" : "FAILED");
        answer.put("dryRun", dryRun);
        answer.put("summary", result.summary());
        answer.put("changes", result.changes());
        return answer;
    }

    private PlaybookResult run(PlaybookIncident incident) {
        try {
            return action.run(incident, dryRun);
        } catch (RuntimeException e) {
            JsonLog.error("playbook action threw", e, "playbook", runs.playbookName(), "incidentId", incident.incidentId());
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            return PlaybookResult.failed("The playbook stopped on " + e.getClass().getSimpleName()
                    + (message.length() > 500 ? message.substring(0, 500) + "…" : message)
                    + ". Check the incident's resources by hand; the playbook does not retry a claimed run.");
        }
    }
}
