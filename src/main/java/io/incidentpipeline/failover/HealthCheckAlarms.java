package io.incidentpipeline.failover;

import io.incidentpipeline.notify.NotificationTopic;
import io.incidentpipeline.notify.NotificationTopicProps;
import io.incidentpipeline.notify.TopicEncryption;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.route53.IHealthCheck;
import software.constructs.Construct;

/**
 * An alarm on each region's Route 53 health check, to a topic of its own: a region that stops
 * answering {@code /health} tells someone, besides moving traffic away. Route 53 publishes
 * {@code HealthCheckStatus} in us-east-1 only, so this construct lives in a us-east-1 stack,
 * whichever regions the checks watch.
 */
public final class HealthCheckAlarms extends Construct {
    /** The only region with Route 53's metrics. */
    public static final String METRICS_REGION = "us-east-1";

    private final NotificationTopic topic;

    /**
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param healthChecks each region's health check, by region
     * @param emails       who is e-mailed when a region turns unhealthy or recovers
     * @param encryption   how the alarm topic is encrypted
     */
    public HealthCheckAlarms(Construct scope, String id, Map<String, IHealthCheck> healthChecks, List<String> emails,
            TopicEncryption encryption) {
        super(scope, id);
        if (!METRICS_REGION.equals(Stack.of(this).getRegion())) {
            throw new IllegalArgumentException("HealthCheckAlarms must be in a " + METRICS_REGION + " stack: Route 53"
                    + " publishes health-check metrics there only; got " + Stack.of(this).getRegion());
        }
        topic = new NotificationTopic(this, "Topic", NotificationTopicProps.builder()
                .displayName("Incident Pipeline regions failing their health check")
                .emails(emails)
                .encryption(encryption)
                .publishingServices(List.of("cloudwatch.amazonaws.com"))
                .build());
        healthChecks.forEach((region, healthCheck) -> {
            Alarm alarm = Alarm.Builder.create(this, "Unhealthy-" + region)
                    .alarmDescription("Region " + region + " fails its Route 53 health check (GET /health): traffic"
                            + " goes to the other regions; check the region's table, bus and API.")
                    .metric(Metric.Builder.create()
                            .namespace("AWS/Route53")
                            .metricName("HealthCheckStatus")
                            .dimensionsMap(Map.of("HealthCheckId", healthCheck.getHealthCheckId()))
                            .statistic("Minimum")
                            .period(Duration.minutes(1))
                            .region(METRICS_REGION)
                            .build())
                    .threshold(1)
                    .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                    .evaluationPeriods(2)
                    // A check that reports nothing is not known to be healthy.
                    .treatMissingData(TreatMissingData.BREACHING)
                    .build();
            alarm.addAlarmAction(new SnsAction(topic.getTopic()));
            alarm.addOkAction(new SnsAction(topic.getTopic()));
        });
    }

    /** @return the topic the alarms notify */
    public NotificationTopic getTopic() {
        return topic;
    }
}
