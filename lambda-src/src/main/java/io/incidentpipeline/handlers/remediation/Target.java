package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookResult;

/**
 * What an incident's labels name for an action to act on: a resource, or the result of a run that
 * cannot act (no valid target: failed; a target outside the playbook's reach: skipped).
 *
 * @param id     the resource, e.g. a bucket name; {@code null} when there is none
 * @param result the run's result when there is none; {@code null} when there is one
 */
record Target(String id, PlaybookResult result) {
    /** @return the target {@code id} */
    static Target of(String id) {
        return new Target(id, null);
    }

    /** @return no target: the labels name none, or a malformed one, because of {@code problem} */
    static Target failed(String problem) {
        return new Target(null, PlaybookResult.failed(problem));
    }

    /** @return a target this playbook must not change, because of {@code reason} */
    static Target skipped(String reason) {
        return new Target(null, PlaybookResult.skipped(reason));
    }

    /** @return whether the labels name a target to act on */
    boolean found() {
        return result == null;
    }
}
