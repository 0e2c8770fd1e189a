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
        /** A new incident: the first alert of its fingerprint, or the first after it was resolved. */
        OPENED("Incident Opened"),
        /** A later alert of an open incident that changed it without raising its severity. */
        UPDATED("Incident Updated"),
        /** An operator acknowledged the incident. */
        ACKNOWLEDGED("Incident Acknowledged"),
        /** The incident was resolved, by an operator or by a resolving alert. */
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
        /** The most urgent: routed to the urgent topic ({@code SeverityNotifications}), pages someone. */
        CRITICAL,
        /** Urgent: routed to the urgent topic, pages someone. */
        HIGH,
        /** Routed to the routine topic. */
        MEDIUM,
        /** Routed to the routine topic. */
        LOW,
        /** Informational, reports no problem to act on: routed to the routine topic. */
        INFO;

        /** @return the value in the incident document, e.g. {@code critical} */
        public String getValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
