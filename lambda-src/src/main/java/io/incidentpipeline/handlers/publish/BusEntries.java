package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.Json;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** The {@code PutEvents} entries of the incident bus, the same whichever region announces a change. */
final class BusEntries {
    private BusEntries() {
    }

    /** @param time when the change happened: the event's {@code time} */
    static PutEventsRequestEntry incident(String eventBusName, IncidentEvent event, Instant time) {
        return incident(eventBusName, event.detailType(), event.detail(), time);
    }

    /** @param time when it happened: the event's {@code time}; {@code detail} the incident document and what the type adds to it */
    static PutEventsRequestEntry incident(String eventBusName, DetailType detailType, Map<String, Object> detail,
            Instant time) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(IncidentEvent.SOURCE)
                .detailType(detailType.value())
                .detail(Json.write(detail))
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
