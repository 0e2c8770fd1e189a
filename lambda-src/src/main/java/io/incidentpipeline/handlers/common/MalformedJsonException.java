package io.incidentpipeline.handlers.common;

/** A text that is not one JSON value within {@link Json}'s limits. */
public final class MalformedJsonException extends RuntimeException {
    private final String reason;
    private final String location;

    MalformedJsonException(String reason, String location) {
        super(reason + " (" + location + ")");
        this.reason = reason;
        this.location = location;
    }

    /** @return what is wrong, e.g. {@code the JSON ends before it is complete (truncated?)} */
    public String reason() {
        return reason;
    }

    /** @return where, e.g. {@code line 1, column 17, at /labels/team} */
    public String location() {
        return location;
    }
}
