package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.http.HttpError;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Reads the fields of third-party payloads, with 400 answers that say which tool setup to check. */
final class ThirdPartyFields {
    private ThirdPartyFields() {
    }

    /** @return the non-blank string {@code field}, or empty when absent, null or blank */
    static Optional<String> optional(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String)) {
            throw new HttpError(400, "invalid_field", "'" + field + "' must be a string; keep the payload template"
                    + " from the README, with quotes around each variable.");
        }
        String text = ((String) value).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * @return the time in {@code field} (ISO-8601, RFC 1123 or epoch seconds/milliseconds/nanoseconds,
     *         as a string or a number), or empty when absent, null or blank
     * @throws HttpError 400 when it is there but none of these
     */
    static Optional<Instant> time(Map<String, Object> body, String field, String tool) {
        Object value = body.get(field);
        if (value == null || value instanceof String text && text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parseSourceTime(value).orElseThrow(() -> new HttpError(400, "invalid_field",
                "'" + field + "' is not a time; send the " + tool + " variable the README names for it (an ISO-8601"
                        + " time or epoch milliseconds).")));
    }

    /** @return the non-blank string {@code field} */
    static String required(Map<String, Object> body, String field, String tool) {
        return optional(body, field).orElseThrow(() -> missing(field, tool));
    }

    /** @return the object {@code field} */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> body, String field, String tool) {
        if (!(body.get(field) instanceof Map)) {
            throw missing(field, tool);
        }
        return (Map<String, Object>) body.get(field);
    }

    static HttpError missing(String field, String tool) {
        return new HttpError(400, "missing_field", "The body has no '" + field + "'; send the " + tool + " webhook"
                + " as the README describes.");
    }
}
