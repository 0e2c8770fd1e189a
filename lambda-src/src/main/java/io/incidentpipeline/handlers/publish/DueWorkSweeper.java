package io.incidentpipeline.handlers.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
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
 * region's it was: announcing changes their own region has not announced within
 * {@code TAKEOVER_AFTER_SECONDS} ({@link AnnouncementTakeover}), and unsilencing the open incidents
 * of silences that ended ({@link Unsilencing}); and it records the open incidents by severity for
 * the dashboard ({@link OpenIncidentsGauge}). Each kind of due work is one
 * {@code Query} of the keys-only index {@code DUE_INDEX_NAME}; in normal operation it finds nothing
 * and the sweep costs that one query.
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
                Clock.systemUTC());
    }

    /**
     * @param eventBridge   the client; its region is this sweeper's region
     * @param eventBusName  the incident bus
     * @param dynamoDb      the table's client
     * @param tableName     the incident table
     * @param dueIndexName  the index of due work
     * @param takeoverAfter how long a change's own region has to announce it before this sweeper does
     * @param clock         the time of the sweep
     */
    public DueWorkSweeper(EventBridgeClient eventBridge, String eventBusName, DynamoDbClient dynamoDb, String tableName,
            String dueIndexName, Duration takeoverAfter, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.dueIndexName = dueIndexName;
        this.takeoverAfter = takeoverAfter;
        this.clock = clock;
        String region = eventBridge.serviceClientConfiguration().region().id();
        this.announcements = new AnnouncementTakeover(dynamoDb, tableName, eventBridge, eventBusName, region);
        this.unsilencing = new Unsilencing(dynamoDb, tableName, region);
        this.openIncidents = new OpenIncidentsGauge(dynamoDb, tableName, IndexNames.DEFAULT.byStatus());
    }

    /** What one sweep did: items found due, changes announced, incidents unsilenced, items that failed. */
    public record Sweep(int due, int announced, int unsilenced, int failed) {
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
        summary.put("unsilenced", sweep.unsilenced());
        return summary;
    }

    /** Sweeps once. */
    public Sweep sweep() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(takeoverAfter);
        List<Map<String, AttributeValue>> due = DueWork.dueBefore(dynamoDb, tableName, dueIndexName, DueWork.ANNOUNCE,
                cutoff, MAX_ITEMS);
        int announced = 0;
        int failed = 0;
        for (Map<String, AttributeValue> key : due) {
            try {
                announced += announcements.takeOver(key, cutoff, now);
            } catch (RuntimeException e) {
                failed++;
                JsonLog.error("due work failed", e, "pk", key.get("pk").s(), "sk", key.get("sk").s());
            }
        }
        // A silence's end needs no grace period: the unsilence is a change like any other, announced by the stream.
        List<Map<String, AttributeValue>> ended = DueWork.dueBefore(dynamoDb, tableName, dueIndexName, DueWork.UNSILENCE,
                now, MAX_ITEMS);
        int unsilenced = 0;
        for (Map<String, AttributeValue> key : ended) {
            try {
                unsilenced += unsilencing.unsilence(key, now) ? 1 : 0;
            } catch (RuntimeException e) {
                failed++;
                JsonLog.error("due work failed", e, "pk", key.get("pk").s(), "sk", key.get("sk").s());
            }
        }
        try {
            openIncidents.record();
        } catch (RuntimeException e) {
            // The gauge is for the dashboard: its failure must not hold up due work.
            JsonLog.error("open incidents not counted", e);
        }
        int found = due.size() + ended.size();
        if (found > 0) {
            JsonLog.info("sweep", "due", found, "announced", announced, "unsilenced", unsilenced, "failed", failed);
        }
        return new Sweep(found, announced, unsilenced, failed);
    }
}
