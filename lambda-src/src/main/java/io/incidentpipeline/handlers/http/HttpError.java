package io.incidentpipeline.handlers.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request the API answers with an error: the status, a machine-readable code and a message that
 * names the field or header at fault and the fix. Its body is
 * {@code {"error": "<code>", "message": "..."}} (docs/CONTRACTS.md).
 */
public final class HttpError extends RuntimeException {
    /** Seconds a caller should wait before retrying a 503. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    /**
     * @param status  the HTTP status, 4xx or 5xx
     * @param code    machine-readable, e.g. {@code invalid_field}
     * @param message what is wrong and how to fix it
     */
    public HttpError(int status, String code, String message) {
        this(status, code, message, null);
    }

    private HttpError(int status, String code, String message, Integer retryAfterSeconds) {
        // An expected outcome, not a bug: no stack trace to fill in on every rejected alert.
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return a 503 that tells the caller to retry shortly; {@code message} says what was unavailable */
    public static HttpError unavailable(String message) {
        return new HttpError(503, "unavailable", message + " Nothing was recorded; retry after "
                + RETRY_AFTER_SECONDS + " seconds.", RETRY_AFTER_SECONDS);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the machine-readable code */
    public String code() {
        return code;
    }

    /** @return the value of the {@code Retry-After} header, if the caller should retry */
    public Optional<Integer> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }

    /** @return the response body */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", getMessage());
        return body;
    }
}
