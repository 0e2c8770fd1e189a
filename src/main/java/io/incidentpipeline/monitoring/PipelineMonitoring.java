package io.incidentpipeline.monitoring;

import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.routing.IncidentEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Alarms and one dashboard for a pipeline, every alarm notifying one ops topic. Each watch method
 * adds the alarms a reviewer would ask for on that kind of part, so the set of alarms follows the
 * set of parts: a new function or dead-letter queue gets its alarms by one call.
 *
 * <p>Every alarm costs $0.10 a month and the dashboard $3: sandboxes usually go without.
 */
public final class PipelineMonitoring extends Construct {
    /** The namespace of the incident metrics the publisher and the sweeper record (docs/CONTRACTS.md, "Metrics"). */
    public static final String INCIDENT_NAMESPACE = "IncidentPipeline/Incidents";
    private static final List<String> SEVERITIES = Arrays.stream(IncidentEvents.Severity.values())
            .map(IncidentEvents.Severity::getValue).toList();

    private final SnsAction alarmAction;
    private final Dashboard dashboard;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * Creates the dashboard; add alarms and graphs with the {@code watch*} methods.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props the alarm topic and the dashboard name
     */
    public PipelineMonitoring(Construct scope, String id, PipelineMonitoringProps props) {
        super(scope, id);
        alarmAction = new SnsAction(props.getAlarmTopic());
        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(props.getDashboardName()).build();
    }

    /**
     * Errors above zero, any throttle, and p99 duration above 80% of the timeout.
     *
     * @param name the alarms' id prefix and the graph's title
     * @param handler the function
     * @return this, to watch more
     */
    public PipelineMonitoring watchFunction(String name, JavaHandlerFunction handler) {
        var fn = handler.getFunction();
        double timeoutMs = fn.getTimeout() == null ? 3000 : fn.getTimeout().toMilliseconds().doubleValue();
        IMetric errors = fn.metricErrors(sum());
        IMetric throttles = fn.metricThrottles(sum());
        IMetric duration = fn.metricDuration(MetricOptions.builder().statistic("p99").period(Duration.minutes(5)).build());
        alarm(name + "Errors", errors, 0, "The " + name + " function failed: see its logs (JSON, with the incident id).");
        alarm(name + "Throttles", throttles, 0, "The " + name + " function was throttled: raise its concurrency or the"
                + " account's limit.");
        alarm(name + "Duration", duration, timeoutMs * 0.8, "The " + name + " function's p99 duration is near its"
                + " timeout of " + (long) timeoutMs + " ms.");
        graph(name, errors, throttles, duration);
        return this;
    }

    /**
     * Anything in a dead-letter queue: each message is an alert or event that did not get through.
     *
     * @param name the alarm's id prefix and the graph's title
     * @param queue the dead-letter queue
     * @return this, to watch more
     */
    public PipelineMonitoring watchDeadLetterQueue(String name, IQueue queue) {
        IMetric depth = queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                .statistic("Maximum").period(Duration.minutes(5)).build());
        alarm(name + "DeadLetters", depth, 0, "Messages are waiting in " + name + ": inspect them and redrive"
                + " (README, Replay and redrive).");
        graph(name + " dead letters", depth);
        return this;
    }

    /**
     * The team's response: incidents opened, time to acknowledge and to resolve (p50 and p90), per
     * severity, and the incidents not yet resolved by severity, as the handlers record them for the
     * pipeline whose table is {@code tableName} (their {@code Pipeline} dimension). Graphs only: how
     * fast a team answers is for a review, not a page.
     *
     * @param tableName the incident table's name
     * @return this, to watch more
     */
    public PipelineMonitoring watchIncidents(String tableName) {
        dashboard.addWidgets(
                severityGraph("Incidents opened", "IncidentsOpened", "Sum", tableName, Duration.hours(1)),
                severityGraph("Time to acknowledge, p50 (s)", "TimeToAcknowledge", "p50", tableName, Duration.hours(1)),
                severityGraph("Time to acknowledge, p90 (s)", "TimeToAcknowledge", "p90", tableName, Duration.hours(1)));
        // Recorded only for severities with incidents not yet resolved: missing is zero.
        List<IMetric> open = new ArrayList<>();
        for (int i = 0; i < SEVERITIES.size(); i++) {
            String severity = SEVERITIES.get(i);
            open.add(MathExpression.Builder.create()
                    .expression("FILL(m" + i + ", 0)")
                    .usingMetrics(Map.of("m" + i, incidentMetric("OpenIncidents", "Maximum", tableName, severity,
                            Duration.minutes(1))))
                    .label(severity)
                    .period(Duration.minutes(1))
                    .build());
        }
        dashboard.addWidgets(
                severityGraph("Time to resolve, p50 (s)", "TimeToResolve", "p50", tableName, Duration.hours(1)),
                severityGraph("Time to resolve, p90 (s)", "TimeToResolve", "p90", tableName, Duration.hours(1)),
                GraphWidget.Builder.create().title("Currently open (not resolved) by severity").left(open).stacked(true)
                        .width(8).build());
        return this;
    }

    private static IWidget severityGraph(String title, String metricName, String statistic, String tableName,
            Duration period) {
        List<IMetric> lines = SEVERITIES.stream()
                .map(severity -> (IMetric) incidentMetric(metricName, statistic, tableName, severity, period))
                .toList();
        return GraphWidget.Builder.create().title(title).left(lines).width(8).build();
    }

    private static Metric incidentMetric(String name, String statistic, String tableName, String severity,
            Duration period) {
        // Ordered: Map.of iterates in a per-JVM order, and the dashboard's body would change between synths.
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Pipeline", tableName);
        dimensions.put("Severity", severity);
        return Metric.Builder.create()
                .namespace(INCIDENT_NAMESPACE)
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(period)
                .label(severity)
                .build();
    }

    /**
     * Alarms when {@code metric} rises above {@code threshold} (one period), e.g. the publisher's
     * iterator age, and graphs it on the dashboard.
     *
     * @param name the alarm's construct id and the graph's title
     * @param metric what to watch
     * @param threshold the highest value that is still fine
     * @param whatToDo the alarm's description: what an operator who gets it should do
     * @return this, to watch more
     */
    public PipelineMonitoring watchMetric(String name, IMetric metric, double threshold, String whatToDo) {
        alarm(name, metric, threshold, whatToDo);
        graph(name, metric);
        return this;
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(alarmAction);
        alarm.addOkAction(alarmAction);
        alarms.add(alarm);
    }

    private void graph(String title, IMetric... metrics) {
        List<IWidget> widgets = List.of(GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build());
        dashboard.addWidgets(widgets.toArray(new IWidget[0]));
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build();
    }

    /** @return every alarm created so far */
    public List<Alarm> getAlarms() {
        return List.copyOf(alarms);
    }

    /** @return the dashboard */
    public Dashboard getDashboard() {
        return dashboard;
    }
}
