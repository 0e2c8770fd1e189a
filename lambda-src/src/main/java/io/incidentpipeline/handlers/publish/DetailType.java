package io.incidentpipeline.handlers.publish;

/** The {@code detail-type}s of the incident bus's events. */
public enum DetailType {
    OPENED("Incident Opened"),
    UPDATED("Incident Updated"),
    ACKNOWLEDGED("Incident Acknowledged"),
    RESOLVED("Incident Resolved"),
    /** An alert raised the severity of an open or acknowledged incident. */
    ESCALATED("Incident Escalated"),
    /** The silence an incident opened under ended (or was deleted) while the incident was still open or acknowledged. */
    UNSILENCED("Incident Unsilenced");

    private final String value;

    DetailType(String value) {
        this.value = value;
    }

    /** @return the {@code detail-type}, e.g. {@code Incident Opened} */
    public String value() {
        return value;
    }
}
