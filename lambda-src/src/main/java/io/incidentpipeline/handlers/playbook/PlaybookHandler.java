package io.incidentpipeline.handlers.playbook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link PlaybookAction} on the incident events a rule routes to it, once per incident, and
 * ends every run {@code SUCCEEDED}, {@code FAILED} or {@code SKIPPED} on the incident's timeline:
 * <ol>
 *   <li>reads the incident the event names from the table ({@link PlaybookIncidents}); an event
 *       naming no incident of the table is refused, writes nothing and ends in the failure queue;</li>
 *   <li>claims the run with a lease ({@link PlaybookRuns}): a redelivered event stops here, and an
 *       event that arrives while another attempt holds the lease is retried by Lambda later;</li>
 *   <li>re-checks the incident as read: still open, and allowed by the playbook's {@link PlaybookGuard}
 *       (the built-in remediations check its provenance there); else {@code SKIPPED} with the reason;</li>
 *   <li>runs the action, for real or, in a dry run, only reporting what it would change;</li>
 *   <li>records the result, from which the publisher emits {@code Playbook Succeeded | Failed | Skipped}.</li>
 * </ol>
 * An action that throws an exception is recorded as a failed run rather than retried: remediations
 * act on live resources, and a person decides what a failure means. A run that dies after its claim
 * (the invocation timed out or crashed, or its result could not be written) keeps its lease until
 * the invocation could no longer be alive; Lambda's retry then takes the run over. After
 * {@code MAX_RUN_ATTEMPTS} attempts that acted, the next one records {@code FAILED} without acting
 * and throws {@link RunAbandonedException}, so that the event also ends in the failure queue.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN} ({@code true} or
 * {@code false}; default {@code true}, so that a function deployed by hand changes nothing until
 * told to), {@code MAX_RUN_ATTEMPTS} (default 2).
 */
public class PlaybookHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** How long a lease outlives the invocation that took it: clock skew between invocations. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** The lease when there is no Lambda context to ask (tests): Lambda's own default timeout is shorter. */
    static final Duration DEFAULT_INVOCATION_TIME = Duration.ofSeconds(60);

    private final PlaybookRuns runs;
    private final PlaybookIncidents incidents;
    private final PlaybookAction action;
    private final PlaybookGuard guard;
    private final boolean dryRun;
    private final int maxAttempts;
    private final Clock clock;

    /**
     * For Lambda: a playbook for every open incident its rule routes to it.
     *
     * @param action what the playbook does
     */
    protected PlaybookHandler(PlaybookAction action) {
        this(action, PlaybookGuard.OPEN_INCIDENTS);
    }

    /**
     * For Lambda: run records, mode and attempts from the environment, the client built once at init.
     *
     * @param action what the playbook does
     * @param guard  what an incident must be for it to act
     */
    protected PlaybookHandler(PlaybookAction action, PlaybookGuard guard) {
        this(new Environment(System.getenv()), action, guard);
    }

    private PlaybookHandler(Environment env, PlaybookAction action, PlaybookGuard guard) {
        this(new PlaybookRuns(AwsClients.dynamoDb(), env.required("TABLE_NAME"), env.required("PLAYBOOK_NAME")),
                new PlaybookIncidents(AwsClients.dynamoDb(), env.required("TABLE_NAME")), action, guard,
                dryRunFromEnvironment(env), env.positiveInt("MAX_RUN_ATTEMPTS", 2), Clock.systemUTC());
    }

    /**
     * @param runs        the playbook's run records
     * @param incidents   where it reads the incidents
     * @param action      what it does
     * @param guard       what an incident must be for it to act
     * @param dryRun      whether it only reports what it would change
     * @param maxAttempts how many attempts may act before the next one records {@code FAILED}
     * @param clock       the time written into run records and leases
     */
    public PlaybookHandler(PlaybookRuns runs, PlaybookIncidents incidents, PlaybookAction action, PlaybookGuard guard,
            boolean dryRun, int maxAttempts, Clock clock) {
        this.runs = runs;
        this.incidents = incidents;
        this.action = action;
        this.guard = guard;
        this.dryRun = dryRun;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
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
     * @throws IllegalArgumentException when the event names no incident of the table: retrying cannot
     *                                  help, so it ends in the playbook's failure queue for a person
     * @throws RunInProgressException   when another attempt holds the run: Lambda retries it later
     * @throws RunAbandonedException    when the run's attempts are used up: {@code FAILED} is recorded,
     *                                  and the event goes to the failure queue
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        IncidentReference reference = IncidentReference.fromEvent(event);
        Incident incident = incidents.find(reference).orElseThrow(() -> new IllegalArgumentException("Event "
                + reference.eventId() + " names incident " + reference.incidentId() + " with fingerprint "
                + reference.fingerprint() + ", which the table does not hold: not acting on an event that did not"
                + " come from the pipeline's own publisher."));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("incidentId", reference.incidentId());
        answer.put("playbook", runs.playbookName());
        Instant now = clock.instant();
        PlaybookRuns.Claim claim = runs.claim(reference.incidentId(), reference.eventId(), reference.detailType(),
                dryRun, now, now.plus(invocationTime(context)).plus(LEASE_MARGIN));
        if (!claim.claimed() && claim.finished()) {
            JsonLog.info("playbook already ran for this incident; redelivery ignored", "playbook", runs.playbookName(),
                    "incidentId", reference.incidentId(), "eventId", reference.eventId());
            answer.put("ran", false);
            return answer;
        }
        if (!claim.claimed()) {
            throw new RunInProgressException("Playbook " + runs.playbookName() + " is running for incident "
                    + reference.incidentId() + " (its lease runs until " + claim.leaseExpiresAt() + "); retry later.");
        }
        if (claim.attempt() > maxAttempts) {
            PlaybookResult abandoned = PlaybookResult.failed("The playbook was started " + (claim.attempt() - 1)
                    + " time(s) for this incident and no attempt recorded a result (it timed out, crashed, or could not"
                    + " write its result). Nothing more is tried: check the incident's resources by hand.");
            runs.finish(reference.incidentId(), claim.attempt(), abandoned, clock.instant());
            JsonLog.error("playbook run abandoned", null, "playbook", runs.playbookName(), "incidentId",
                    reference.incidentId(), "attempts", claim.attempt() - 1);
            throw new RunAbandonedException(abandoned.summary());
        }
        PlaybookResult result = decide(PlaybookIncident.of(incident, reference.detailType()), incident.status());
        if (!runs.finish(reference.incidentId(), claim.attempt(), result, clock.instant())) {
            JsonLog.warn("playbook result not recorded: another attempt took the run over", "playbook",
                    runs.playbookName(), "incidentId", reference.incidentId(), "attempt", claim.attempt());
        }
        JsonLog.info("playbook " + result.outcome().name().toLowerCase(java.util.Locale.ROOT), "playbook",
                runs.playbookName(), "incidentId", reference.incidentId(), "eventId", reference.eventId(),
                "attempt", claim.attempt(), "dryRun", dryRun, "summary", result.summary(), "changes", result.changes().size());
        answer.put("ran", true);
        answer.put("outcome", result.outcome().name());
        answer.put("dryRun", dryRun);
        answer.put("summary", result.summary());
        answer.put("changes", result.changes());
        return answer;
    }

    private static Duration invocationTime(Context context) {
        return context == null ? DEFAULT_INVOCATION_TIME : Duration.ofMillis(context.getRemainingTimeInMillis());
    }

    private PlaybookResult decide(PlaybookIncident incident, IncidentStatus status) {
        if (status == IncidentStatus.RESOLVED) {
            return PlaybookResult.skipped("Incident " + incident.incidentId() + " was resolved before the playbook ran;"
                    + " nothing was changed.");
        }
        Optional<String> refusal = guard.refusal(incident);
        if (refusal.isPresent()) {
            return PlaybookResult.skipped(refusal.get());
        }
        try {
            return action.run(incident, dryRun);
        } catch (RuntimeException e) {
            JsonLog.error("playbook action threw", e, "playbook", runs.playbookName(), "incidentId", incident.incidentId());
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            return PlaybookResult.failed("The playbook stopped on " + e.getClass().getSimpleName()
                    + (message.length() > 500 ? message.substring(0, 500) + "…" : message)
                    + ". Check the incident's resources by hand; the playbook does not retry a run that failed.");
        }
    }
}
