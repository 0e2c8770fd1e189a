package io.incidentpipeline.escalation;

import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.routing.DueWorkSweeper;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Escalates the incidents nobody acknowledges: "notify T; if nobody acknowledges within N minutes,
 * the next level", as data (README, "Escalation").
 *
 * <pre>{@code
 * pipeline.addEscalationPolicy("CheckoutCritical", EscalationPolicyProps.builder()
 *         .name("checkout-critical")
 *         .match(IncidentPattern.builder().services("checkout").severities(Severity.CRITICAL).build())
 *         .levels(EscalationLevel.after(Duration.minutes(0), EscalationTarget.topic("urgent", urgentTopic)),
 *                 EscalationLevel.after(Duration.minutes(15), EscalationTarget.topic("managers", managersTopic)))
 *         .repeatEvery(Duration.minutes(30))
 *         .build());
 * }</pre>
 *
 * <p>Timing is the handlers' part: the policy (without its targets) goes into the environment of the
 * {@link IncidentPublisher}, which starts an incident's escalation when it announces the opening (or
 * a severity escalation, which restarts it), and of the {@link DueWorkSweeper}, which fires each level
 * once across regions as an {@code Incident Escalated} event with {@code detail.escalation} (policy,
 * level, reason {@code unacknowledged}, targets). Routing is the bus's part: one rule per level
 * matches the policy's name and the level and delivers to the level's targets, with retries and one
 * dead-letter queue for the policy. So targets never reach handler code, and every region, whose
 * stack declares the same policies, routes a level its sweeper fires on its own bus.
 */
public final class EscalationPolicy extends Construct {
    private final List<Rule> rules = new ArrayList<>();
    private final DeadLetterQueue deadLetterQueue;

    /**
     * Adds the policy to the publisher's and the sweeper's environment and creates a rule per level
     * and the policy's dead-letter queue.
     *
     * @param scope     the scope
     * @param id        the construct id
     * @param bus       the incident bus the sweeper puts the levels' events on
     * @param publisher the publisher whose announced openings start escalations
     * @param sweeper   the sweeper that fires the levels: the region's one
     * @param props     the policy
     * @throws IllegalArgumentException when a policy of the sweeper already has the name, or the
     *                                  policies outgrow the functions' environment
     */
    public EscalationPolicy(Construct scope, String id, IEventBus bus, IncidentPublisher publisher, DueWorkSweeper sweeper,
            EscalationPolicyProps props) {
        super(scope, id);
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(sweeper, "sweeper");
        EscalationPolicies.of(sweeper, publisher).add(props);
        deadLetterQueue = new DeadLetterQueue(this, "DeadLetterQueue",
                "escalation levels of policy " + props.getName() + " no target accepted");
        List<EscalationLevel> levels = props.getLevels();
        for (int level = 1; level <= levels.size(); level++) {
            Rule rule = Rule.Builder.create(this, "Level" + level)
                    .eventBus(bus)
                    .eventPattern(IncidentPattern.builder().detailTypes(DetailType.ESCALATED)
                            .escalationLevel(props.getName(), level).build().toEventPattern())
                    .description("Escalation policy " + props.getName() + ", level " + level + " of " + levels.size()
                            + (level == levels.size() && props.getRepeatEvery() != null ? " (repeats)" : ""))
                    .build();
            for (EscalationTarget target : levels.get(level - 1).getTargets()) {
                rule.addTarget(target.bind(deadLetterQueue.getQueue()));
            }
            rules.add(rule);
        }
    }

    /** @return one rule per level, in order */
    public List<Rule> getRules() {
        return List.copyOf(rules);
    }

    /** @return where a level goes that a target did not accept after every retry */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue.getQueue();
    }

    /** @return levels waiting in the dead-letter queue: anything above zero notified nobody */
    public Metric metricUndeliveredLevels() {
        return deadLetterQueue.getQueue().metricApproximateNumberOfMessagesVisible();
    }
}
