package io.incidentpipeline.handlers.playbook;

/**
 * Another attempt holds the run's lease. Thrown so that Lambda retries the event later: by then
 * that attempt has recorded a result (the retry stops there) or died (the retry takes over).
 */
public final class RunInProgressException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunInProgressException(String message) {
        super(message);
    }
}
