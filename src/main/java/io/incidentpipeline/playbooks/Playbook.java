package io.incidentpipeline.playbooks;

import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.routing.IncidentRuleProps;
import io.incidentpipeline.store.IncidentStore;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * A remediation wired to the incident bus: an {@link IncidentRule} from the playbook's pattern to
 * its handler, with EventBridge's retries and dead-letter queue, Lambda's asynchronous retries and
 * an on-failure destination, the permissions the playbook declares (named actions only, never on
 * {@code *} when they change anything), {@code dynamodb:GetItem} to read the incident an event names,
 * and {@code dynamodb:PutItem} and {@code UpdateItem} on the incidents' own partitions only
 * ({@code dynamodb:LeadingKeys INC#*}) for its run record, with which it makes itself idempotent
 * and records its result on the incident's timeline.
 * Usually created with {@code IncidentPipeline.addPlaybook}.
 */
public final class Playbook extends Construct {
    private final IncidentRule rule;
    private final DeadLetterQueue failures;

    /**
     * @param bus   the incident bus
     * @param store the table the playbook records its runs in
     */
    public Playbook(Construct scope, String id, IEventBus bus, IncidentStore store, PlaybookProps props) {
        super(scope, id);
        failures = new DeadLetterQueue(this, "FailureQueue", "runs of playbook '" + id + "' that failed after every retry");
        props.getHandler().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(props.getRetryAttempts())
                .maxEventAge(props.getMaxEventAge())
                .onFailure(new SqsDestination(failures.getQueue()))
                .build());
        props.getPermissions().forEach(props.getHandler()::addToRolePolicy);
        // The run record: claimed and finished with conditional UpdateItems, under INC#<incident id> only.
        store.grantRunRecordWrites(props.getHandler());
        rule = new IncidentRule(this, "Rule", IncidentRuleProps.builder()
                .bus(bus)
                // Silenced incidents run playbooks only when their silence says so.
                .pattern(props.getPattern().withSilencedDefault(IncidentPattern.SilencedIncidents.WHEN_PLAYBOOKS_RUN))
                .description("Playbook " + id)
                .build())
                .addPlaybook(props.getHandler());
    }

    /** @return the rule that runs the playbook */
    public IncidentRule getRule() {
        return rule;
    }

    /** @return where runs go that failed after Lambda's retries */
    public IQueue getFailureQueue() {
        return failures.getQueue();
    }
}
