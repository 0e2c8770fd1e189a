package io.incidentpipeline.escalation;

import io.incidentpipeline.notify.WebhookNotification;
import io.incidentpipeline.routing.IncidentRule;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Who an escalation level notifies: an SNS topic (the pipeline's own {@code urgent} or {@code routine}
 * topic, or any other), the chat webhook, a function, or any EventBridge target. Each has a name,
 * which the level's {@code Incident Escalated} event and timeline entry carry ({@code targets}).
 *
 * <pre>{@code
 * EscalationTarget.topic("urgent", pipeline.getNotifications().getUrgentTopic())
 * EscalationTarget.webhook("chat", chatWebhook)
 * EscalationTarget.topic("managers", Topic.fromTopicArn(this, "Managers", managersTopicArn))
 * }</pre>
 */
public final class EscalationTarget {
    private final String name;
    private final Function<IQueue, IRuleTarget> target;

    private EscalationTarget(String name, Function<IQueue, IRuleTarget> target) {
        if (name == null || !name.matches("[A-Za-z0-9._:/-]{1,64}")) {
            throw new IllegalArgumentException("EscalationTarget name '" + name + "' must be 1-64 of A-Z a-z 0-9 . _ : / -"
                    + " (it appears in the events as escalation.targets), e.g. urgent, chat, managers");
        }
        this.name = name;
        this.target = target;
    }

    /**
     * Publishes the level's event to an SNS topic, with the retries of every incident route
     * ({@link IncidentRule#RETRY_ATTEMPTS} within {@link IncidentRule#MAX_EVENT_AGE}) and the
     * policy's dead-letter queue. The topic must let EventBridge publish (the pipeline's topics do; a
     * topic of this stack gets the permission; an imported one needs it in its own policy, and its
     * KMS key, if any, must let {@code events.amazonaws.com} use it). EventBridge reaches topics of
     * its own region only.
     *
     * @param name  what the events call it, e.g. {@code urgent}, {@code managers}
     * @param topic the topic
     * @return the target
     */
    public static EscalationTarget topic(String name, ITopic topic) {
        Objects.requireNonNull(topic, "topic");
        return new EscalationTarget(name, deadLetters -> SnsTopic.Builder.create(topic)
                .retryAttempts(IncidentRule.RETRY_ATTEMPTS)
                .maxEventAge(IncidentRule.MAX_EVENT_AGE)
                .deadLetterQueue(deadLetters)
                .build());
    }

    /**
     * Posts the level to the chat or on-call webhook, as a message that names the level, the policy
     * and the incident, with the webhook's retries and the policy's dead-letter queue.
     *
     * @param name    what the events call it, e.g. {@code chat}
     * @param webhook the pipeline's chat webhook
     * @return the target
     */
    public static EscalationTarget webhook(String name, WebhookNotification webhook) {
        Objects.requireNonNull(webhook, "webhook");
        return new EscalationTarget(name, webhook::escalationTarget);
    }

    /**
     * Invokes a function (pass an alias or version) with the level's event, with the same retries and
     * the policy's dead-letter queue.
     *
     * @param name     what the events call it, e.g. {@code page-oncall}
     * @param function the function, alias or version
     * @return the target
     */
    public static EscalationTarget function(String name, IFunction function) {
        Objects.requireNonNull(function, "function");
        return new EscalationTarget(name, deadLetters -> LambdaFunction.Builder.create(function)
                .retryAttempts(IncidentRule.RETRY_ATTEMPTS)
                .maxEventAge(IncidentRule.MAX_EVENT_AGE)
                .deadLetterQueue(deadLetters)
                .build());
    }

    /**
     * Puts the level's event on another event bus (of any region or account that lets this one put
     * events), with the policy's dead-letter queue.
     *
     * @param name what the events call it, e.g. {@code bus:operations}
     * @param bus  the event bus
     * @return the target
     */
    public static EscalationTarget eventBus(String name, IEventBus bus) {
        Objects.requireNonNull(bus, "bus");
        return new EscalationTarget(name, deadLetters -> software.amazon.awscdk.services.events.targets.EventBus.Builder
                .create(bus).deadLetterQueue(deadLetters).build());
    }

    /**
     * Any EventBridge target, as you configured it: give it its own retry policy and dead-letter
     * queue (every target of {@code aws-events-targets} takes them), the pipeline does not add any.
     *
     * @param name   what the events call it, e.g. {@code pagerduty}
     * @param target the EventBridge target, with its retries and dead-letter queue
     * @return the target
     */
    public static EscalationTarget of(String name, IRuleTarget target) {
        Objects.requireNonNull(target, "target");
        return new EscalationTarget(name, deadLetters -> target);
    }

    /** @return what the events and the timeline call this target */
    public String getName() {
        return name;
    }

    /** @return the rule target, sending what it cannot deliver to {@code deadLetters} where it can */
    IRuleTarget bind(IQueue deadLetters) {
        return target.apply(deadLetters);
    }
}
