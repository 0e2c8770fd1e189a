package io.incidentpipeline.routing;

import java.util.List;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The custom EventBridge bus that carries incident lifecycle events, with an archive of every
 * incident event so a lost or new consumer can be replayed into.
 */
public final class IncidentBus extends Construct {
    private final EventBus bus;
    private final Archive archive;

    /** Creates the bus with every default of {@link IncidentBusProps}. */
    public IncidentBus(Construct scope, String id) {
        this(scope, id, IncidentBusProps.builder().build());
    }

    public IncidentBus(Construct scope, String id, IncidentBusProps props) {
        super(scope, id);
        bus = EventBus.Builder.create(this, "Resource")
                .description("Incident lifecycle events (source " + IncidentEvents.SOURCE + ")")
                .build();
        archive = bus.archive("Archive", software.amazon.awscdk.services.events.BaseArchiveProps.builder()
                .description("Every incident event, for replay")
                .eventPattern(EventPattern.builder().source(List.of(IncidentEvents.SOURCE)).build())
                .retention(props.getArchiveRetention())
                .build());
    }

    /** @return the bus */
    public IEventBus getEventBus() {
        return bus;
    }

    /** @return the archive that replays start from */
    public Archive getArchive() {
        return archive;
    }

    /** Grants {@code events:PutEvents} on this bus only. */
    public Grant grantPutEvents(IGrantable grantee) {
        return bus.grantPutEventsTo(grantee);
    }
}
