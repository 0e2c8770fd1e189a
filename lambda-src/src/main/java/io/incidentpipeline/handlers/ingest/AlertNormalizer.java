package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.http.HttpError;
import io.incidentpipeline.handlers.store.Alert;
import java.util.Map;

/** Turns the body one alert source sends into an {@link Alert}: one implementation per source. */
public interface AlertNormalizer {
    /**
     * @param source the source's id, e.g. {@code generic}
     * @param body   the request body, already parsed as a JSON object
     * @return the validated alert
     * @throws HttpError 400, naming the field that is missing or invalid and the fix
     */
    Alert normalize(String source, Map<String, Object> body);

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
