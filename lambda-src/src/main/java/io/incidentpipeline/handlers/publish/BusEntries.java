package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.Json;
import java.time.Instant;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The {@code PutEvents} entries of the incident bus, the same whichever region announces a change. */
final class BusEntries {
    private BusEntries() {
    }

    /** @param time when the change happened: the event's {@code time} */
    static PutEventsRequestEntry incident(String eventBusName, IncidentEvent event, Instant time) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(IncidentEvent.SOURCE)
                .detailType(event.detailType().value())
                .detail(Json.write(event.detail()))
                .time(time)
                .build();
    }

    static PutEventsRequestEntry playbookRun(String eventBusName, PlaybookRunEvents.PlaybookRunEvent run) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(IncidentEvent.SOURCE)
                .detailType(run.detailType())
                .detail(Json.write(run.detail()))
                .time(Instant.parse(run.finishedAt()))
                .build();
    }
}
