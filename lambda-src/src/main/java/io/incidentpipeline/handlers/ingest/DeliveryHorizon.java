package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How old a delivery may be: an alert that happened longer than the horizon ago is refused (a
 * webhook answers 400 {@code event_too_old}; an AWS event is logged as rejected), so a captured
 * delivery replayed later (PagerDuty's signature carries no time) opens nothing. The delivery ids
 * of accepted deliveries are remembered as long as the horizon, so within it a redelivery is caught
 * by its id and beyond it by its age.
 *
 * <p>{@code DELIVERY_HORIZON_SECONDS}, default {@value #DEFAULT_SECONDS} (24 hours): longer than
 * EventBridge retries an event (24 hours) and Lambda an asynchronous invocation (6 hours), and than
 * the retries of the webhook senders.
 *
 * @param horizon the oldest a delivery may be
 */
public record DeliveryHorizon(Duration horizon) {
    /** Default of {@code DELIVERY_HORIZON_SECONDS}. */
    public static final int DEFAULT_SECONDS = 24 * 60 * 60;

    /** @return the horizon of {@code DELIVERY_HORIZON_SECONDS} */
    public static DeliveryHorizon fromEnvironment(Environment env) {
        return new DeliveryHorizon(Duration.ofSeconds(env.positiveInt("DELIVERY_HORIZON_SECONDS", DEFAULT_SECONDS)));
    }

    /**
     * @return why an alert that happened at {@code occurredAt} is too old to accept now, or empty
     *         when it is within the horizon
     */
    public Optional<String> tooOld(Instant occurredAt, Instant now) {
        if (!occurredAt.isBefore(now.minus(horizon))) {
            return Optional.empty();
        }
        return Optional.of("The alert happened at " + Timestamps.format(occurredAt) + ", more than "
                + horizon.toSeconds() + " s (DELIVERY_HORIZON_SECONDS) ago: a delivery that late, or a replayed"
                + " one, is not recorded. Send current alerts only.");
    }
}
