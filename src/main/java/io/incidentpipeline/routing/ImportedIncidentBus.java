package io.incidentpipeline.routing;

import java.util.function.Function;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/** An incident bus this stack did not create: {@link IncidentBus}'s imports. */
final class ImportedIncidentBus extends Construct implements IIncidentBus {
    private final IEventBus bus;

    ImportedIncidentBus(Construct scope, String id, Function<Construct, IEventBus> importer) {
        super(scope, id);
        bus = importer.apply(this);
    }

    @Override
    public IEventBus getEventBus() {
        return bus;
    }

    @Override
    public Grant grantPutEvents(IGrantable grantee) {
        return bus.grantPutEventsTo(grantee);
    }
}
