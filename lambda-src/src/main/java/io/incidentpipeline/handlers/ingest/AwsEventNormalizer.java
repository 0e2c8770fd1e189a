package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.store.Alert;
import java.time.Instant;
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
     * An item of a batch that could not be read; the batch's other items are recorded all the same.
     *
     * @param index where it is in the batch, from 0
     * @param code  why, machine-readable
     * @param error what is wrong with it
     */
    record Rejected(int index, String code, String error) {
    }

    /**
     * What an event carries.
     *
     * @param notifications the alerts it carries, in the event's order
     * @param rejected      the items it carries that could not be read
     */
    record Batch(List<Notification> notifications, List<Rejected> rejected) {
        /** @return a batch of these notifications, none rejected */
        static Batch of(Notification... notifications) {
            return new Batch(List.of(notifications), List.of());
        }
    }

    /**
     * @param detail     the event's {@code detail}
     * @param event      the whole event (for {@code account}, {@code region}, {@code time})
     * @param receivedAt when the event arrived: an alert's time when neither the detail nor the event says
     * @throws RejectedNotificationException when the detail lacks what identifies the alert
     */
    Batch normalize(Map<String, Object> detail, Map<String, Object> event, Instant receivedAt);
}
