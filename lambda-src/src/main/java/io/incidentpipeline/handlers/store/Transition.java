package io.incidentpipeline.handlers.store;

import java.util.Set;

/** An operator's lifecycle transition: OPEN → ACKNOWLEDGED → RESOLVED, or OPEN → RESOLVED. */
public enum Transition {
    ACKNOWLEDGE(IncidentStatus.ACKNOWLEDGED, Set.of(IncidentStatus.OPEN), "acknowledgedAt", "acknowledgedBy",
            Announcement.ACKNOWLEDGED),
    RESOLVE(IncidentStatus.RESOLVED, Set.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED), "resolvedAt", "resolvedBy",
            Announcement.RESOLVED);

    private final IncidentStatus target;
    private final Set<IncidentStatus> from;
    private final String atAttribute;
    private final String byAttribute;
    private final Announcement announcement;

    Transition(IncidentStatus target, Set<IncidentStatus> from, String atAttribute, String byAttribute,
            Announcement announcement) {
        this.target = target;
        this.from = from;
        this.atAttribute = atAttribute;
        this.byAttribute = byAttribute;
        this.announcement = announcement;
    }

    /** @return the status the incident moves to */
    public IncidentStatus target() {
        return target;
    }

    /** @return the statuses it may move from */
    public Set<IncidentStatus> from() {
        return from;
    }

    String atAttribute() {
        return atAttribute;
    }

    String byAttribute() {
        return byAttribute;
    }

    /** @return the change it makes, announced once across regions */
    Announcement announcement() {
        return announcement;
    }
}
