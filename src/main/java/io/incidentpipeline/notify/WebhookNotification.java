package io.incidentpipeline.notify;

import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.events.ApiDestination;
import software.amazon.awscdk.services.events.Authorization;
import software.amazon.awscdk.services.events.Connection;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.HttpMethod;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Posts matching incident events to a chat or on-call tool's HTTPS webhook through an EventBridge
 * API destination, with no function in between: the body is
 * {@code {"text": "...", "incidentId", "severity", "status", "service", "title"}}, the credential a
 * header whose value stays in Secrets Manager (the connection reads it; the template holds only a
 * reference). Deliveries are rate limited, retried, and dead-lettered like every other target.
 */
public final class WebhookNotification extends Construct {
    private final Rule rule;
    private final DeadLetterQueue deadLetterQueue;
    private final ApiDestination destination;

    /**
     * Creates the API destination, its connection and the rule that sends matching incidents to it.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration
     */
    public WebhookNotification(Construct scope, String id, WebhookNotificationProps props) {
        super(scope, id);
        Connection connection = Connection.Builder.create(this, "Connection")
                .description("Credential of the incident webhook")
                .authorization(Authorization.apiKey(props.getHeaderName(),
                        SecretValue.secretsManager(props.getSecretName())))
                .build();
        destination = ApiDestination.Builder.create(this, "Destination")
                .connection(connection)
                .endpoint(props.getUrl())
                .httpMethod(HttpMethod.POST)
                .rateLimitPerSecond(props.getRateLimitPerSecond())
                .description("Incident webhook")
                .build();
        deadLetterQueue = new DeadLetterQueue(this, "DeadLetterQueue",
                "incident events the webhook did not accept after every retry");
        rule = Rule.Builder.create(this, "Rule")
                .eventBus(props.getBus())
                .eventPattern(props.getPattern().toEventPattern())
                .description("Incident events to the webhook")
                .build();
        rule.addTarget(software.amazon.awscdk.services.events.targets.ApiDestination.Builder.create(destination)
                .event(message(EventField.fromPath("$.detail-type") + ": " + EventField.fromPath("$.detail.title")
                        + " (" + EventField.fromPath("$.detail.severity") + ", "
                        + EventField.fromPath("$.detail.service") + ")", Map.of()))
                .retryAttempts(IncidentRule.RETRY_ATTEMPTS)
                .maxEventAge(IncidentRule.MAX_EVENT_AGE)
                .deadLetterQueue(deadLetterQueue.getQueue())
                .build());
    }

    /**
     * A target that posts the levels of an escalation policy to this webhook: a message naming the
     * level, the policy and the incident, with the same retries as the webhook's own rule.
     *
     * @param deadLetterQueue where a level goes that the webhook did not accept after every retry
     * @return the target, for the policy's rule of that level
     */
    public IRuleTarget escalationTarget(IQueue deadLetterQueue) {
        return software.amazon.awscdk.services.events.targets.ApiDestination.Builder.create(destination)
                .event(message("Not acknowledged: " + EventField.fromPath("$.detail.title") + " ("
                        + EventField.fromPath("$.detail.severity") + ", " + EventField.fromPath("$.detail.service")
                        + "), escalation level " + EventField.fromPath("$.detail.escalation.level") + " of "
                        + EventField.fromPath("$.detail.escalation.policy"), Map.of(
                        "escalationPolicy", "$.detail.escalation.policy",
                        "escalationLevel", "$.detail.escalation.level")))
                .retryAttempts(IncidentRule.RETRY_ATTEMPTS)
                .maxEventAge(IncidentRule.MAX_EVENT_AGE)
                .deadLetterQueue(deadLetterQueue)
                .build();
    }

    /**
     * The webhook's message: {@code text}, the incident's id, severity, status, service and title, and
     * {@code extra} fields (name to event path), in that order (sorted), so every synth writes the same template.
     */
    private static RuleTargetInput message(String text, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", text);
        for (String field : List.of("incidentId", "severity", "status", "service", "title")) {
            fields.put(field, EventField.fromPath("$.detail." + field));
        }
        new TreeMap<>(extra).forEach((field, path) -> fields.put(field, EventField.fromPath(path)));
        return RuleTargetInput.fromObject(fields);
    }

    /** @return the rule that feeds the webhook */
    public Rule getRule() {
        return rule;
    }

    /** @return where events go that the webhook did not accept */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue.getQueue();
    }

    /**
     * A pattern for the events worth a chat message: urgent incidents opened, escalated (to urgent),
     * acknowledged or resolved; an escalation policy's levels reach the webhook only as a target of the policy.
     */
    static IncidentPattern defaultPattern() {
        return IncidentPattern.builder()
                .detailTypes(DetailType.OPENED, DetailType.ESCALATED, DetailType.ACKNOWLEDGED, DetailType.RESOLVED)
                .severities(Severity.CRITICAL, Severity.HIGH)
                .withoutEscalationLevels()
                .build();
    }
}
