package io.incidentpipeline.routing;

import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Does, once a minute in this region, the work that fell due anywhere: the levels of escalation
 * policies (an incident nobody acknowledged in time, {@code escalation.EscalationPolicy}), the
 * {@code Incident Unsilenced} of open incidents whose silence ended (README, "Silences"), and, with
 * {@code announcementTakeover}, the announcements of changes their own region has not made within
 * {@code takeoverAfter}, so that losing a region loses no announcement (README, "When a region is
 * lost", "Escalation"). Deploy one in every region: each piece of work is done once across all of
 * them. Each sweep also records the open incidents by severity for the dashboard (one
 * {@code Query} of the {@value IncidentStore#STATUS_INDEX} index per status not resolved).
 *
 * <p>Each sweep is one {@code Query} of the table's {@value IncidentStore#DUE_INDEX} index per kind
 * of work, which finds nothing in normal operation. Idle, it costs the scheduled invocation (256 MB,
 * untraced: Lambda would trace every sweep) and those queries, about $0.02 a month.
 *
 * <p>Failed sweeps are retried twice, then go to the {@link #getFailureQueue() failure queue}; an
 * item that failed stays due, so the next sweep retries it anyway.
 */
public final class DueWorkSweeper extends Construct {
    private static final String HANDLER = "io.incidentpipeline.handlers.publish.DueWorkSweeper::handleRequest";
    /** The log message the function writes for each announcement it took over. */
    static final String TAKEOVER_MESSAGE = "announcement taken over";

    private final JavaHandlerFunction function;
    private final DeadLetterQueue failures;
    private final Rule schedule;
    private final Metric takeovers;

    /**
     * Creates the sweeper function and the schedule that runs it.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} and {@code bus} are required
     */
    public DueWorkSweeper(Construct scope, String id, DueWorkSweeperProps props) {
        super(scope, id);
        IIncidentStore store = props.getStore();
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Fires escalation levels, unsilences incidents whose silence ended"
                        + (props.isAnnouncementTakeover()
                                ? " and announces incident changes their own region has not announced within "
                                        + props.getTakeoverAfter().toHumanString() : ""))
                .timeout(Duration.seconds(60))
                .memorySize(256)
                .untraced("Invoked once a minute by its schedule: Lambda samples one invocation a second, so every"
                        + " sweep would be traced (43,200 traces a month, $0.22 past the free tier, more than the"
                        + " sweeps cost). Its work is logged with the incident id, and its errors alarmed.")
                .environment(Map.of("EVENT_BUS_NAME", props.getBus().getEventBusName(),
                        "TABLE_NAME", store.getTable().getTableName(),
                        "DUE_INDEX_NAME", IncidentStore.DUE_INDEX,
                        "TAKEOVER_AFTER_SECONDS", props.getTakeoverAfter().toSeconds().toString(),
                        "ANNOUNCEMENT_TAKEOVER", Boolean.toString(props.isAnnouncementTakeover())))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        props.getBus().grantPutEventsTo(function);
        // byStatus: the open incidents it counts for the dashboard, by severity.
        store.grantQuery(function, IncidentStore.DUE_INDEX, IncidentStore.STATUS_INDEX);
        // Reads a due item and its incident, claims its work and marks it done; writes the timeline entries.
        store.grantItemActions(function, "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
                "dynamodb:PutItem");

        failures = new DeadLetterQueue(this, "FailureQueue", "sweeps of due work that failed after every retry");
        // A sweep is only worth running soon: the next one runs a minute later anyway.
        function.sendFailedAsyncInvocationsTo(failures.getQueue(), 2, Duration.minutes(10));
        schedule = Rule.Builder.create(this, "Schedule")
                .description("Sweeps due work: escalation levels, ended silences, announcements another region has not"
                        + " made in time")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(LambdaFunction.Builder.create(function.getAlias())
                        .retryAttempts(2)
                        .maxEventAge(Duration.minutes(10))
                        .deadLetterQueue(failures.getQueue())
                        .build()))
                .build();

        MetricFilter filter = MetricFilter.Builder.create(this, "Takeovers")
                .logGroup(function.getLogGroup())
                .filterPattern(FilterPattern.stringValue("$.message", "=", TAKEOVER_MESSAGE))
                // One namespace per sweeper: stages side by side in a region keep their counts apart.
                .metricNamespace("IncidentPipeline/" + Names.uniqueId(this))
                .metricName("AnnouncementsTakenOver")
                .metricValue("1")
                .defaultValue(0)
                .build();
        takeovers = filter.metric(MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build());
    }

    /** @return the sweeping function */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /** @return where sweeps go that failed after every retry */
    public IQueue getFailureQueue() {
        return failures.getQueue();
    }

    /** @return the once-a-minute schedule */
    public Rule getSchedule() {
        return schedule;
    }

    /**
     * @return announcements this region took over from another (sum per 5 minutes): anything above
     *         zero means a region's publisher stopped announcing its changes
     */
    public Metric metricTakeovers() {
        return takeovers;
    }
}
