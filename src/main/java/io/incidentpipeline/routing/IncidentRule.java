package io.incidentpipeline.routing;

import io.incidentpipeline.lambda.DeadLetterQueue;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One route on the {@link IncidentBus}: an EventBridge rule built from an {@link IncidentPattern},
 * whose targets all get a retry policy and share one dead-letter queue, so no event is dropped
 * silently when a target is throttled, deleted or denied.
 */
public final class IncidentRule extends Construct {
    /** Attempts EventBridge makes per target before the event goes to the dead-letter queue. */
    public static final int RETRY_ATTEMPTS = 8;
    /** How long EventBridge keeps retrying a target. */
    public static final Duration MAX_EVENT_AGE = Duration.hours(2);

    private final Rule rule;
    private final DeadLetterQueue deadLetterQueue;

    /**
     * Creates the rule and the dead-letter queue of its targets; add targets with
     * {@link #addPlaybook} and {@link #addNotification}.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code bus} and {@code pattern} are required
     */
    public IncidentRule(Construct scope, String id, IncidentRuleProps props) {
        super(scope, id);
        rule = Rule.Builder.create(this, "Resource")
                .eventBus(props.getBus())
                .eventPattern(props.getPattern().toEventPattern())
                .description(props.getDescription())
                .build();
        deadLetterQueue = new DeadLetterQueue(this, "DeadLetterQueue",
                "incident events the rule '" + id + "' could not deliver to a target");
    }

    /**
     * Invokes {@code playbook} (pass an alias or version) with each matching event.
     *
     * @param playbook the function, an alias or a version
     * @return this rule
     */
    public IncidentRule addPlaybook(IFunction playbook) {
        rule.addTarget(LambdaFunction.Builder.create(playbook)
                .retryAttempts(RETRY_ATTEMPTS)
                .maxEventAge(MAX_EVENT_AGE)
                .deadLetterQueue(deadLetterQueue.getQueue())
                .build());
        return this;
    }

    /**
     * Publishes each matching event to {@code topic}.
     *
     * @param topic the topic
     * @return this rule
     */
    public IncidentRule addNotification(ITopic topic) {
        rule.addTarget(SnsTopic.Builder.create(topic)
                .retryAttempts(RETRY_ATTEMPTS)
                .maxEventAge(MAX_EVENT_AGE)
                .deadLetterQueue(deadLetterQueue.getQueue())
                .build());
        return this;
    }

    /** @return target invocations EventBridge gave up on, each now in the dead-letter queue (sum per 5 minutes) */
    public Metric metricFailedInvocations() {
        return Metric.Builder.create()
                .namespace("AWS/Events")
                .metricName("FailedInvocations")
                .dimensionsMap(Map.of("RuleName", rule.getRuleName(),
                        "EventBusName", Fn.select(1, Fn.split("/", rule.getRuleArn()))))
                .statistic("Sum")
                .build();
    }

    /** @return events waiting in the rule's dead-letter queue: anything above zero reached no target */
    public Metric metricUndeliveredEvents() {
        return deadLetterQueue.getQueue().metricApproximateNumberOfMessagesVisible();
    }

    /** @return the EventBridge rule */
    public Rule getRule() {
        return rule;
    }

    /** @return where events go that no target accepted after every retry */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue.getQueue();
    }
}
