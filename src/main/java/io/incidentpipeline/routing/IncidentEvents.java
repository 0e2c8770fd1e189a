package io.incidentpipeline.routing;

/**
 * The events the pipeline puts on its bus: {@code source = "incident-pipeline"}, a lifecycle
 * {@code detail-type}, and the incident document as {@code detail} (see docs/CONTRACTS.md).
 */
public final class IncidentEvents {
    /** The {@code source} of every incident event. */
    public static final String SOURCE = "incident-pipeline";

    private IncidentEvents() {
    }

    /** The lifecycle {@code detail-type}s. */
    public enum DetailType {
        OPENED("Incident Opened"),
        UPDATED("Incident Updated"),
        ACKNOWLEDGED("Incident Acknowledged"),
        RESOLVED("Incident Resolved"),
        /**
         * A later alert of higher severity (or a vendor's priority change) raised an open incident's
         * severity: routed like an opening at the new severity.
         */
        ESCALATED("Incident Escalated"),
        /**
         * The silence an incident opened under ended, or was deleted, while the incident was still
         * open or acknowledged: its late announcement. Every {@link IncidentPattern} that matches
         * {@link #OPENED} matches this too.
         */
        UNSILENCED("Incident Unsilenced"),
        /** A playbook run's result: it did, or in a dry run could do, what it is for. */
        PLAYBOOK_SUCCEEDED("Playbook Succeeded"),
        /** A playbook run's result: it could not act; its summary says why. */
        PLAYBOOK_FAILED("Playbook Failed");

        private final String value;

        DetailType(String value) {
            this.value = value;
        }

        /** @return the {@code detail-type} string, e.g. {@code Incident Opened} */
        public String getValue() {
            return value;
        }
    }

    /** Incident severities, most urgent first. */
    public enum Severity {
        CRITICAL, HIGH, MEDIUM, LOW, INFO;

        /** @return the value in the incident document, e.g. {@code critical} */
        public String getValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
