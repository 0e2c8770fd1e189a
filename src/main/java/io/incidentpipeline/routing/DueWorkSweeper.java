package io.incidentpipeline.routing;

import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
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
 * Does, once a minute in this region, the work that fell due anywhere: today, announcing the
 * changes that their own region has not announced within {@code takeoverAfter}, so that losing a
 * region loses no announcement (README, "When a region is lost"). Deploy one in every region of a
 * multi-region pipeline; a change is announced once across all of them.
 *
 * <p>Each sweep is one {@code Query} of the table's {@value IncidentStore#DUE_INDEX} index, which
 * finds nothing in normal operation. Due work of other kinds (a timer that must fire while its
 * region is down) plugs into the same index, the same claim and this same function.
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

    public DueWorkSweeper(Construct scope, String id, DueWorkSweeperProps props) {
        super(scope, id);
        IncidentStore store = props.getStore();
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Announces incident changes their own region has not announced within "
                        + props.getTakeoverAfter().toHumanString())
                .timeout(Duration.seconds(60))
                .environment(Map.of("EVENT_BUS_NAME", props.getBus().getEventBusName(),
                        "TABLE_NAME", store.getTable().getTableName(),
                        "DUE_INDEX_NAME", IncidentStore.DUE_INDEX,
                        "TAKEOVER_AFTER_SECONDS", props.getTakeoverAfter().toSeconds().toString()))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        props.getBus().grantPutEventsTo(function);
        // byStatus: the open incidents it counts for the dashboard, by severity.
        store.grantQuery(function, IncidentStore.DUE_INDEX, IncidentStore.STATUS_INDEX);
        // Reads a due item, claims its announcements and marks it done; writes the timeline entries.
        store.grantItemActions(function, "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem");

        failures = new DeadLetterQueue(this, "FailureQueue", "sweeps of due work that failed after every retry");
        // A sweep is only worth running soon: the next one runs a minute later anyway.
        function.sendFailedAsyncInvocationsTo(failures.getQueue(), 2, Duration.minutes(10));
        schedule = Rule.Builder.create(this, "Schedule")
                .description("Sweeps due work: announcements another region has not made in time")
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
