package io.incidentpipeline.handlers.playbook;

/**
 * The run was given up after its attempts, and recorded {@code FAILED}. Thrown after the result is
 * written, so that Lambda sends the event to the playbook's on-failure destination for a person,
 * beside the {@code Playbook Failed} event.
 */
public final class RunAbandonedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunAbandonedException(String message) {
        super(message);
    }
}
