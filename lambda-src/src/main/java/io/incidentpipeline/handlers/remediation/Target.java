package io.incidentpipeline.handlers.remediation;

/**
 * What an incident's labels name for an action to act on: a resource, or why they name none.
 *
 * @param id      the resource, e.g. a bucket name; {@code null} when there is none
 * @param problem why there is none, as a failed run's summary; {@code null} when there is one
 */
record Target(String id, String problem) {
    /** @return the target {@code id} */
    static Target of(String id) {
        return new Target(id, null);
    }

    /** @return no target, because of {@code problem} */
    static Target none(String problem) {
        return new Target(null, problem);
    }

    /** @return whether the labels name a target */
    boolean found() {
        return problem == null;
    }
}
