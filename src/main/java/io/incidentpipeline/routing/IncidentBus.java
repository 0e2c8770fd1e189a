package io.incidentpipeline.routing;

import io.incidentpipeline.PropsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IStableListProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.BaseArchiveProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The custom EventBridge bus that carries incident lifecycle events, with an archive of every
 * incident event so a lost or new consumer can be replayed into.
 *
 * <p>Its resource policy denies {@code events:PutEvents} of events with the pipeline's source
 * ({@value IncidentEvents#SOURCE}) to every principal but the roles given {@link #grantPutEvents}:
 * the publisher, and whoever the user grants. Playbooks act on these events, so no other principal
 * of the account, whatever its IAM policies allow, can forge an {@code Incident Opened}.
 */
public class IncidentBus extends Construct implements IIncidentBus {
    /** The bus policy's statement, with the {@code cdk-} prefix EventBus.addToResourcePolicy gives its statements. */
    private static final String POLICY_STATEMENT_ID = "cdk-OnlyPipelinePublishersPutIncidentEvents";
    private final EventBus bus;
    private final Archive archive;
    private final List<String> publishers = new ArrayList<>();

    /**
     * A bus created elsewhere (another stack or app), by name. Rules and notifications attach to it
     * as to an owned bus; see {@link IIncidentBus#grantPutEvents} for what a grant means on an import.
     *
     * @param scope the scope of the import
     * @param id the import's construct id
     * @param eventBusName the bus's name in this stack's account and region
     * @return the imported bus
     */
    public static IIncidentBus fromEventBusName(Construct scope, String id, String eventBusName) {
        return new ImportedIncidentBus(scope, id, holder -> EventBus.fromEventBusName(holder, "Resource", eventBusName));
    }

    /**
     * A bus created elsewhere, by ARN (for a bus of another account or region, or a token).
     *
     * @param scope the scope of the import
     * @param id the import's construct id
     * @param eventBusArn the bus's ARN
     * @return the imported bus
     */
    public static IIncidentBus fromEventBusArn(Construct scope, String id, String eventBusArn) {
        return new ImportedIncidentBus(scope, id, holder -> EventBus.fromEventBusArn(holder, "Resource", eventBusArn));
    }

    /**
     * Creates the bus with every default of {@link IncidentBusProps}.
     *
     * @param scope the parent construct
     * @param id the construct id
     */
    public IncidentBus(Construct scope, String id) {
        this(scope, id, IncidentBusProps.builder().build());
    }

    /**
     * Creates the bus, its archive and its policy.
     *
     * @param scope the parent construct
     * @param id the construct id
     * @param props the bus's properties
     */
    public IncidentBus(Construct scope, String id, IncidentBusProps props) {
        super(scope, id);
        PropsChecks.required(props, "IncidentBus: props must not be null (use IncidentBusProps.builder().build())");
        publishers.addAll(props.getPublisherRoleArns());
        bus = EventBus.Builder.create(this, "Resource")
                .description("Incident lifecycle events (source " + IncidentEvents.SOURCE + ")")
                .build();
        archive = bus.archive("Archive", BaseArchiveProps.builder()
                .description("Every incident event, for replay")
                .eventPattern(EventPattern.builder().source(List.of(IncidentEvents.SOURCE)).build())
                .retention(props.getArchiveRetention())
                .build());
        // Read at synthesis, after every grant: the principals that may put the pipeline's events. The
        // account's root user stays listed so that the condition never goes empty (denying nobody).
        String root = "arn:" + Stack.of(this).getPartition() + ":iam::" + Stack.of(this).getAccount() + ":root";
        List<String> allowed = Lazy.list(new IStableListProducer() {
            @Override
            public List<String> produce() {
                List<String> principals = new ArrayList<>(publishers);
                principals.add(root);
                return principals;
            }
        });
        PolicyStatement onlyPublishers = PolicyStatement.Builder.create()
                .sid(POLICY_STATEMENT_ID)
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(bus.getEventBusArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("events:source", IncidentEvents.SOURCE),
                        "ArnNotEquals", Map.of("aws:PrincipalArn", allowed)))
                .build();
        // The resource EventBus.addToResourcePolicy writes (same path, type and properties), built as a
        // plain CfnResource: cdk-nag's EVB1 rule reads CfnEventBusPolicy's deprecated `principal`, which
        // fails every synth under JSII_DEPRECATED=fail. EVB1 flags open Allow policies; this one only denies.
        CfnResource.Builder.create(new Construct(bus, POLICY_STATEMENT_ID), "Resource")
                .type("AWS::Events::EventBusPolicy")
                .properties(Map.of("EventBusName", bus.getEventBusName(), "StatementId", POLICY_STATEMENT_ID,
                        "Statement", onlyPublishers.toStatementJson()))
                .build();
    }

    /** @return the bus: an {@link EventBus} this construct created */
    @Override
    public EventBus getEventBus() {
        return bus;
    }

    /** @return the archive that replays start from */
    public Archive getArchive() {
        return archive;
    }

    /**
     * Grants {@code events:PutEvents} on this bus, and exempts the grantee from the bus policy that
     * denies everyone else events with the pipeline's source: whoever is granted can put events that
     * playbooks act on, so grant only what you would let remediate.
     *
     * @param grantee a role, or a construct with a role (a function)
     * @return the grant
     * @throws IllegalArgumentException when the grantee has no IAM role, which the bus policy must name
     */
    @Override
    public Grant grantPutEvents(IGrantable grantee) {
        if (!(grantee.getGrantPrincipal() instanceof IRole role)) {
            throw new IllegalArgumentException("IncidentBus.grantPutEvents: " + grantee.getGrantPrincipal() + " is not an"
                    + " IAM role; the bus policy allows roles by ARN. Grant a role, or a function (its execution role).");
        }
        Stack roleStack = Stack.of(role);
        if (!Stack.of(this).equals(roleStack) && Token.isUnresolved(role.getRoleArn())) {
            throw new IllegalArgumentException("IncidentBus.grantPutEvents: role " + role.getNode().getPath() + " is in stack "
                    + roleStack.getStackName() + ", the bus in " + Stack.of(this).getStackName() + "; its policy would"
                    + " reference that stack, which references the bus: a cycle. Create the bus in the role's stack, or"
                    + " import it there (IncidentBus.fromEventBusArn) and list the role's ARN, by its name, in this bus's"
                    + " IncidentBusProps.publisherRoleArns.");
        }
        publishers.add(role.getRoleArn());
        return bus.grantPutEventsTo(grantee);
    }
}
