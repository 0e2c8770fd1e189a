package io.incidentpipeline.handlers.store;

/**
 * The current incident of a fingerprint kept changing while an alert was being recorded (it was
 * resolved and reopened by concurrent writers). Nothing was written for the alert: retry it.
 */
public final class IncidentConflictException extends RuntimeException {
    IncidentConflictException(String fingerprint) {
        super("The incident of fingerprint " + fingerprint + " changed twice while this alert was recorded");
    }
}
