package io.incidentpipeline.cost.estimate;

/**
 * A price table, traffic model or template that cannot be used: missing, not JSON, or a key that
 * is unknown, missing or malformed. The message names the file and the key, so the fix is obvious
 * without a stack trace.
 */
public class CostModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file and the key */
    public CostModelException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file and the key
     * @param cause   the underlying parse or I/O failure
     */
    public CostModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
