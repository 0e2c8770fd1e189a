package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.store.Alert;
import java.util.List;
import java.util.Map;

/**
 * Turns one EventBridge event of an AWS service into the alerts it carries: usually one, several
 * for a Security Hub batch, none for an event with nothing to record.
 */
interface AwsEventNormalizer {
    /** An alert, and whether it is the recovery that resolves its incident. */
    record Notification(Alert alert, boolean recovery) {
    }

    /**
     * @param detail the event's {@code detail}
     * @param event  the whole event (for {@code account}, {@code region}, {@code resources})
     * @throws RejectedNotificationException when the detail lacks what identifies the alert
     */
    List<Notification> normalize(Map<String, Object> detail, Map<String, Object> event);
}
