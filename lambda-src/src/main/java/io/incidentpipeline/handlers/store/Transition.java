package io.incidentpipeline.handlers.store;

import java.util.Set;

/** An operator's lifecycle transition: OPEN → ACKNOWLEDGED → RESOLVED, or OPEN → RESOLVED. */
public enum Transition {
    ACKNOWLEDGE(IncidentStatus.ACKNOWLEDGED, Set.of(IncidentStatus.OPEN), "acknowledgedAt", "acknowledgedBy"),
    RESOLVE(IncidentStatus.RESOLVED, Set.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED), "resolvedAt", "resolvedBy");

    private final IncidentStatus target;
    private final Set<IncidentStatus> from;
    private final String atAttribute;
    private final String byAttribute;

    Transition(IncidentStatus target, Set<IncidentStatus> from, String atAttribute, String byAttribute) {
        this.target = target;
        this.from = from;
        this.atAttribute = atAttribute;
        this.byAttribute = byAttribute;
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
}
