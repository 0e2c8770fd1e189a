package io.incidentpipeline.notify;

import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.routing.IncidentRuleProps;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Notification topics by severity: {@code urgent} (critical, high: page someone) and {@code routine}
 * (medium, low, info: read when convenient), each fed by its own rule with the lifecycle events a
 * person acts on (opened, escalated, acknowledged, resolved; not every duplicate's update). An
 * escalation routes like an opening at its new severity: a medium incident that becomes critical
 * pages on the urgent topic. The levels of escalation policies (an incident nobody acknowledged)
 * are not routed here: each policy routes its levels to its own targets. A playbook that
 * failed ({@code Playbook Failed}) is urgent too: a remediation someone counted on did not happen.
 * E-mail subscribers go on the urgent topic; subscribe anything else (chat, SMS, an on-call tool)
 * to either topic.
 */
public final class SeverityNotifications extends Construct {
    private static final DetailType[] NOTIFIED = {DetailType.OPENED, DetailType.ESCALATED, DetailType.ACKNOWLEDGED,
        DetailType.RESOLVED};

    private final NotificationTopic urgent;
    private final NotificationTopic routine;
    private final ITopic urgentTopic;
    private final ITopic routineTopic;
    private final IncidentRule urgentRule;
    private final IncidentRule routineRule;
    private final IncidentRule playbookFailedRule;

    /**
     * Creates the urgent and routine topics and the rules that route incidents to them by severity.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code bus} is required
     */
    public SeverityNotifications(Construct scope, String id, SeverityNotificationsProps props) {
        super(scope, id);
        urgent = props.getUrgentTopic() != null ? null : new NotificationTopic(this, "Urgent",
                NotificationTopicProps.builder()
                        .displayName("Urgent incidents")
                        .emails(props.getUrgentEmails())
                        .encryption(props.getEncryption())
                        .build());
        routine = props.getRoutineTopic() != null ? null : new NotificationTopic(this, "Routine",
                NotificationTopicProps.builder()
                        .displayName("Routine incidents")
                        .encryption(props.getEncryption())
                        .build());
        urgentTopic = urgent != null ? urgent.getTopic() : props.getUrgentTopic();
        routineTopic = routine != null ? routine.getTopic() : props.getRoutineTopic();
        urgentRule = route("UrgentRule", props.getBus(), urgentTopic, Severity.CRITICAL, Severity.HIGH);
        routineRule = route("RoutineRule", props.getBus(), routineTopic, Severity.MEDIUM, Severity.LOW,
                Severity.INFO);
        playbookFailedRule = new IncidentRule(this, "PlaybookFailedRule", IncidentRuleProps.builder()
                .bus(props.getBus())
                .pattern(IncidentPattern.builder().detailTypes(DetailType.PLAYBOOK_FAILED).build())
                .description("Notify playbook runs that failed")
                .build())
                .addNotification(urgentTopic);
    }

    private IncidentRule route(String id, IEventBus bus, ITopic topic, Severity... severities) {
        return new IncidentRule(this, id, IncidentRuleProps.builder()
                .bus(bus)
                .pattern(IncidentPattern.builder().detailTypes(NOTIFIED).severities(severities)
                        .withoutEscalationLevels().build())
                .description("Notify " + List.of(severities) + " incidents opened, escalated, acknowledged or resolved")
                .build())
                .addNotification(topic);
    }

    /**
     * @return the urgent topic this construct created, with its e-mail subscribers; empty when you
     *         brought your own ({@link SeverityNotificationsProps#getUrgentTopic()})
     */
    public Optional<NotificationTopic> getUrgent() {
        return Optional.ofNullable(urgent);
    }

    /**
     * @return the routine topic this construct created; empty when you brought your own
     *         ({@link SeverityNotificationsProps#getRoutineTopic()})
     */
    public Optional<NotificationTopic> getRoutine() {
        return Optional.ofNullable(routine);
    }

    /** @return the topic of critical and high incidents (and failed playbooks): created or brought */
    public ITopic getUrgentTopic() {
        return urgentTopic;
    }

    /** @return the topic of medium, low and info incidents: created or brought */
    public ITopic getRoutineTopic() {
        return routineTopic;
    }

    /** @return the rules feeding the topics: urgent incidents, routine incidents, failed playbooks */
    public List<IncidentRule> getRules() {
        return List.of(urgentRule, routineRule, playbookFailedRule);
    }
}
