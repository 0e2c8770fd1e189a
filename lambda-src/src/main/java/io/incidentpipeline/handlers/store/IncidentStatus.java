package io.incidentpipeline.handlers.store;

/** Where an incident is in its lifecycle; the enum name is the value in the table. */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    /** @return the index partition of incidents in this status, e.g. {@code STATUS#OPEN} */
    public String indexPartition() {
        return "STATUS#" + name();
    }
}
