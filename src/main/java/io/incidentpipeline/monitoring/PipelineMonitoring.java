package io.incidentpipeline.monitoring;

import io.incidentpipeline.lambda.JavaHandlerFunction;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
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
