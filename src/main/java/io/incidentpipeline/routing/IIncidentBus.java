package io.incidentpipeline.routing;

import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.IConstruct;

/**
 * The bus that carries incident events, created in this stack ({@link IncidentBus}) or imported
 * ({@link IncidentBus#fromEventBusName}, {@link IncidentBus#fromEventBusArn}): rules, playbooks and
 * notifications attach to either.
 */
public interface IIncidentBus extends IConstruct {
    /** @return the EventBridge bus */
    IEventBus getEventBus();

    /**
     * Grants {@code events:PutEvents} on the bus. The bus's policy denies events with the pipeline's
     * source to every role it does not list: on an owned bus the grantee is listed; on an imported
     * bus the owning stack must list it ({@link IncidentBusProps#getPublisherRoleArns()}), so a grant
     * alone lets the grantee put only events of other sources.
     *
     * @param grantee a role, or a construct with a role (a function)
     * @return the grant
     */
    Grant grantPutEvents(IGrantable grantee);
}
