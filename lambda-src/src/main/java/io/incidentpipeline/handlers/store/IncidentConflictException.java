package io.incidentpipeline.handlers.store;

/**
 * An incident kept changing under a write: the current incident of a fingerprint while an alert
 * was being recorded (resolved and reopened by concurrent writers), or an incident while an operator
 * transitioned it. Nothing was written: retry.
 */
public final class IncidentConflictException extends RuntimeException {
    private IncidentConflictException(String message) {
        super(message);
    }

    static IncidentConflictException ofFingerprint(String fingerprint) {
        return new IncidentConflictException("The incident of fingerprint " + fingerprint
                + " changed twice while this alert was recorded");
    }

    static IncidentConflictException ofIncident(String incidentId) {
        return new IncidentConflictException("Incident " + incidentId + " changed twice during this request");
    }
}
