package io.incidentpipeline.local;

/** Something the local runtime cannot do or a hop that broke, said with what to do about it. */
public final class LocalRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and, where it helps, the fix */
    public LocalRuntimeException(String message) {
        super(message);
    }

    /** @param message what went wrong; @param cause why */
    public LocalRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
