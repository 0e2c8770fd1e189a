package io.incidentpipeline.handlers.store;

import java.util.Locale;
import java.util.Optional;

/** Where an incident is in its lifecycle; the enum name is the value in the table. */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    /** @return the {@code byStatus} index partition of incidents in this status, e.g. {@code STATUS#OPEN} */
    public String indexPartition() {
        return "STATUS#" + name();
    }

    /**
     * @return the {@code byService} index partition of {@code service}'s incidents in this status,
     *         e.g. {@code STATUS#OPEN#SERVICE#orders-db}
     */
    public String serviceIndexPartition(String service) {
        return indexPartition() + "#SERVICE#" + service;
    }

    /** @return the status named {@code value}, in any case, if it names one */
    public static Optional<IncidentStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
