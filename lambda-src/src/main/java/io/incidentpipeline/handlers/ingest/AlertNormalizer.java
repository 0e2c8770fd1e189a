package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.http.HttpError;
import io.incidentpipeline.handlers.store.Alert;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Turns the body one alert source sends into an {@link Alert}: one implementation per source. */
public interface AlertNormalizer {
    /**
     * @param source     the source's id, e.g. {@code generic}
     * @param body       the request body, already parsed as a JSON object
     * @param receivedAt when the request arrived: the alert's {@code occurredAt} when the body says
     *                   nothing of when it happened
     * @return the validated alert
     * @throws HttpError 400, naming the field that is missing or invalid and the fix
     */
    Alert normalize(String source, Map<String, Object> body, Instant receivedAt);

    /**
     * @param body    the request body, already parsed as a JSON object
     * @param headers the request headers (names as API Gateway passes them)
     * @return the sender's id of this delivery, which a redelivery repeats, if the source sends one
     * @throws HttpError 400 when the source sends one that is malformed
     */
    default Optional<String> deliveryId(Map<String, Object> body, Map<String, String> headers) {
        return Optional.empty();
    }

    /**
     * @return whether the body says the alert cleared, which resolves its open incident instead of
     *         recording an occurrence; false for sources that have no recovery notification
     */
    default boolean isRecovery(Map<String, Object> body) {
        return false;
    }

    /**
     * @return whether the body is a notification this pipeline has nothing to record for (e.g. a
     *         PagerDuty note): answered 202 and ignored, writing nothing
     */
    default boolean isInformational(Map<String, Object> body) {
        return false;
    }
}
