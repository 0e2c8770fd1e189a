package io.incidentpipeline.handlers.ingest;

/**
 * A notification that no retry can make acceptable (unknown topic, unrecognised or malformed
 * message): it is logged and dropped, and nothing is written.
 */
public final class RejectedNotificationException extends RuntimeException {
    private final String code;

    /**
     * @param code    machine-readable reason, e.g. {@code unknown_topic}
     * @param message what is wrong and how to fix it
     */
    public RejectedNotificationException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** @return the machine-readable reason */
    public String code() {
        return code;
    }
}
