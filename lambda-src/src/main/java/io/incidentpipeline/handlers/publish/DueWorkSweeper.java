package io.incidentpipeline.handlers.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.escalation.EscalationPolicies;
import io.incidentpipeline.handlers.escalation.Escalations;
import io.incidentpipeline.handlers.store.DueWork;
import io.incidentpipeline.handlers.store.IndexNames;
import io.incidentpipeline.handlers.store.Unsilencing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Runs on a schedule in every region and does the {@link DueWork} that has fallen due, whichever
 * region's it was: firing the escalation levels of incidents nobody acknowledged in time
 * ({@link EscalationLevels}, policies in {@code ESCALATION_POLICIES}); unless
 * {@code ANNOUNCEMENT_TAKEOVER} is {@code false}, announcing changes their own region has not
 * announced within {@code TAKEOVER_AFTER_SECONDS} ({@link AnnouncementTakeover}); and unsilencing
 * the open incidents of silences that ended ({@link Unsilencing}). It also records the open
 * incidents by severity for the dashboard ({@link OpenIncidentsGauge}). Each kind of due work is
 * one {@code Query} of the keys-only index {@code DUE_INDEX_NAME}; in normal operation it finds
 * nothing and the sweep costs that one query per kind, plus the gauge's count.
 *
 * <p>A sweep takes at most {@value #MAX_ITEMS} items; the next sweep continues. An item that fails
 * stays due and is retried by the next sweep; the invocation then fails, so the function's error
 * alarm fires.
 */
public final class DueWorkSweeper implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** The most items one sweep takes on. */
    static final int MAX_ITEMS = 200;
    /** The bound when {@code TAKEOVER_AFTER_SECONDS} is not set. */
    static final int DEFAULT_TAKEOVER_AFTER_SECONDS = 60;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String dueIndexName;
    private final Duration takeoverAfter;
    private final Clock clock;
    private final AnnouncementTakeover announcements;
    private final EscalationLevels escalations;
    private final Unsilencing unsilencing;
    private final OpenIncidentsGauge openIncidents;

    /** For Lambda: configured from the environment, with the clients built once at init. */
    public DueWorkSweeper() {
        this(new Environment(System.getenv()));
    }

    private DueWorkSweeper(Environment env) {
        this(AwsClients.configured(EventBridgeClient.builder()), env.required("EVENT_BUS_NAME"), AwsClients.dynamoDb(),
                env.required("TABLE_NAME"), env.optional("DUE_INDEX_NAME", IndexNames.DUE_WORK),
                Duration.ofSeconds(env.positiveInt("TAKEOVER_AFTER_SECONDS", DEFAULT_TAKEOVER_AFTER_SECONDS)),
                Clock.systemUTC(), EscalationPolicies.parse(env.optional(EscalationPolicies.ENVIRONMENT_VARIABLE, "")),
                !"false".equals(env.optional("ANNOUNCEMENT_TAKEOVER", "true")));
    }

    /** A sweeper without escalation policies that takes over announcements: see the full constructor. */
    public DueWorkSweeper(EventBridgeClient eventBridge, String eventBusName, DynamoDbClient dynamoDb, String tableName,
            String dueIndexName, Duration takeoverAfter, Clock clock) {
        this(eventBridge, eventBusName, dynamoDb, tableName, dueIndexName, takeoverAfter, clock, EscalationPolicies.none(),
                true);
    }

    /**
     * @param eventBridge   the client; its region is this sweeper's region
     * @param eventBusName  the incident bus
     * @param dynamoDb      the table's client
     * @param tableName     the incident table
     * @param dueIndexName  the index of due work
     * @param takeoverAfter how long a change's own region has to announce it (or fire an escalation
     *                      level it started) before this sweeper does
     * @param clock         the time of the sweep
     * @param policies      the escalation policies
     * @param takeOverAnnouncements whether this sweeper announces changes their own region has not
     */
    public DueWorkSweeper(EventBridgeClient eventBridge, String eventBusName, DynamoDbClient dynamoDb, String tableName,
            String dueIndexName, Duration takeoverAfter, Clock clock, EscalationPolicies policies,
            boolean takeOverAnnouncements) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.dueIndexName = dueIndexName;
        this.takeoverAfter = takeoverAfter;
        this.clock = clock;
        String region = eventBridge.serviceClientConfiguration().region().id();
        this.announcements = !takeOverAnnouncements ? null
                : new AnnouncementTakeover(dynamoDb, tableName, eventBridge, eventBusName, region,
                        new Escalations(dynamoDb, tableName, policies, region));
        this.escalations = policies.isEmpty() ? null
                : new EscalationLevels(dynamoDb, tableName, eventBridge, eventBusName, policies, region, takeoverAfter);
        this.unsilencing = new Unsilencing(dynamoDb, tableName, region);
        this.openIncidents = new OpenIncidentsGauge(dynamoDb, tableName, IndexNames.DEFAULT.byStatus());
    }

    /**
     * What one sweep did: items found due, changes announced, escalation levels fired, incidents
     * unsilenced, items that failed.
     */
    public record Sweep(int due, int announced, int escalated, int unsilenced, int failed) {
    }

    /** The work of one kind on one due item: says how much it did (events put, incidents unsilenced). */
    private interface Work {
        int on(Map<String, AttributeValue> key);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Sweep sweep = sweep();
        if (sweep.failed() > 0) {
            throw new IllegalStateException(sweep.failed() + " of " + sweep.due() + " due items failed; they stay due"
                    + " and the next sweep retries them (see the errors logged above)");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("due", sweep.due());
        summary.put("announced", sweep.announced());
        summary.put("escalated", sweep.escalated());
        summary.put("unsilenced", sweep.unsilenced());
        return summary;
    }

    /**
     * Sweeps once: escalation levels first (they page people on time), then announcements, then
     * ended silences; then records the open incidents.
     *
     * @return what the sweep did
     */
    public Sweep sweep() {
        Instant now = clock.instant();
        int[] due = {0};
        int[] failed = {0};
        int escalated = escalations == null ? 0
                : sweep(DueWork.ESCALATE, now, key -> escalations.fire(key, now) ? 1 : 0, due, failed);
        Instant cutoff = now.minus(takeoverAfter);
        int announced = announcements == null ? 0
                : sweep(DueWork.ANNOUNCE, cutoff, key -> announcements.takeOver(key, cutoff, now), due, failed);
        // A silence's end needs no grace period: the unsilence is a change like any other, announced by the stream.
        int unsilenced = sweep(DueWork.UNSILENCE, now, key -> unsilencing.unsilence(key, now) ? 1 : 0, due, failed);
        try {
            openIncidents.record();
        } catch (RuntimeException e) {
            // The gauge is for the dashboard: its failure must not hold up due work.
            JsonLog.error("open incidents not counted", e);
        }
        if (due[0] > 0) {
            JsonLog.info("sweep", "due", due[0], "announced", announced, "escalated", escalated,
                    "unsilenced", unsilenced, "failed", failed[0]);
        }
        return new Sweep(due[0], announced, escalated, unsilenced, failed[0]);
    }

    /** @return how much {@code work} did on the items of {@code kind} due by {@code cutoff}; adds to {@code due} and {@code failed} */
    private int sweep(String kind, Instant cutoff, Work work, int[] due, int[] failed) {
        List<Map<String, AttributeValue>> keys = DueWork.dueBefore(dynamoDb, tableName, dueIndexName, kind, cutoff, MAX_ITEMS);
        int done = 0;
        for (Map<String, AttributeValue> key : keys) {
            try {
                done += work.on(key);
            } catch (RuntimeException e) {
                failed[0]++;
                JsonLog.error("due work failed", e, "kind", kind, "pk", key.get("pk").s(), "sk", key.get("sk").s());
            }
        }
        due[0] += keys.size();
        return done;
    }
}
