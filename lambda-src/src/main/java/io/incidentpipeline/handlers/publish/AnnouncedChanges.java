package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.store.Announcement;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentStatus;
import java.time.Instant;
import java.util.Optional;

/** Which incident event announces which change ({@link Announcement}), and when and to what the change moved the incident. */
final class AnnouncedChanges {
    private AnnouncedChanges() {
    }

    /** @return the change an event of this type announces; empty for one that is announced by its own region only (a repeat) */
    static Optional<Announcement> of(DetailType detailType) {
        return switch (detailType) {
            case OPENED -> Optional.of(Announcement.OPENED);
            case ACKNOWLEDGED -> Optional.of(Announcement.ACKNOWLEDGED);
            case RESOLVED -> Optional.of(Announcement.RESOLVED);
            case ESCALATED -> Optional.of(Announcement.ESCALATED);
            case UNSILENCED -> Optional.of(Announcement.UNSILENCED);
            default -> Optional.empty();
        };
    }

    /**
     * @param incident the incident as it is now, perhaps changed again since
     * @return the event of an incident change, with the incident as it was just after the change
     *         as far as the item tells: an opening is OPEN with its first occurrence, an
     *         acknowledgement or an escalation is not yet resolved (the event's schema holds either way)
     */
    static IncidentEvent event(Announcement change, Incident incident) {
        Instant at = at(change, incident);
        return switch (change) {
            case OPENED -> new IncidentEvent(DetailType.OPENED, new Incident(incident.incidentId(), incident.fingerprint(),
                    incident.source(), incident.severity(), incident.title(), incident.description(), incident.service(),
                    incident.category(), IncidentStatus.OPEN, 1, incident.openedAt(), at, at, incident.labels(),
                    incident.writtenRegion(), incident.previousIncidentId(), null, null, null, null,
                    "alert:" + incident.source(), null, null, null, incident.provenance(), incident.silence()), null);
            case ACKNOWLEDGED -> new IncidentEvent(DetailType.ACKNOWLEDGED, new Incident(incident.incidentId(),
                    incident.fingerprint(), incident.source(), incident.severity(), incident.title(),
                    incident.description(), incident.service(), incident.category(), IncidentStatus.ACKNOWLEDGED,
                    incident.occurrences(), incident.openedAt(), incident.lastSeenAt(), at, incident.labels(),
                    incident.writtenRegion(), incident.previousIncidentId(), incident.acknowledgedAt(),
                    incident.acknowledgedBy(), null, null, incident.acknowledgedBy(), null, incident.previousSeverity(),
                    incident.reportedSeverity(), incident.provenance(), incident.silence()), null);
            case ESCALATED -> new IncidentEvent(DetailType.ESCALATED, new Incident(incident.incidentId(),
                    incident.fingerprint(), incident.source(), incident.severity(), incident.title(),
                    incident.description(), incident.service(), incident.category(), status(change, incident),
                    incident.occurrences(), incident.openedAt(), incident.lastSeenAt(), at, incident.labels(),
                    incident.writtenRegion(), incident.previousIncidentId(), incident.acknowledgedAt(),
                    incident.acknowledgedBy(), null, null, "alert:" + incident.source(), null, incident.previousSeverity(),
                    incident.reportedSeverity(), incident.provenance(), incident.silence()), null);
            case RESOLVED -> new IncidentEvent(DetailType.RESOLVED, incident, null);
            // The incident as it is now, unsilenced: what people are told about is its current state.
            case UNSILENCED -> new IncidentEvent(DetailType.UNSILENCED, incident.withSilence(null), null);
            case RESULT -> throw new IllegalArgumentException("a playbook result is no incident event");
        };
    }

    /**
     * @return when the change happened: the incident's {@code openedAt}, {@code acknowledgedAt} or
     *         {@code resolvedAt}; an escalation or an unsilence has no time of its own on the item, so its {@code updatedAt}
     *         (the escalation's write, or a later one: the time is then late, never early)
     */
    static Instant at(Announcement change, Incident incident) {
        Instant at = switch (change) {
            case OPENED -> incident.openedAt();
            case ACKNOWLEDGED -> incident.acknowledgedAt();
            case RESOLVED -> incident.resolvedAt();
            case ESCALATED, UNSILENCED -> incident.updatedAt();
            case RESULT -> null;
        };
        if (at == null) {
            throw new IllegalArgumentException("incident " + incident.incidentId() + " has no time for its change " + change);
        }
        return at;
    }

    /**
     * @return the status the change moved the incident to; an escalation keeps the status, which was
     *         ACKNOWLEDGED as far as the item tells if the incident has been acknowledged
     */
    static IncidentStatus status(Announcement change, Incident incident) {
        return switch (change) {
            case OPENED -> IncidentStatus.OPEN;
            case ACKNOWLEDGED -> IncidentStatus.ACKNOWLEDGED;
            case RESOLVED -> IncidentStatus.RESOLVED;
            case ESCALATED -> incident.acknowledgedAt() != null ? IncidentStatus.ACKNOWLEDGED : IncidentStatus.OPEN;
            case UNSILENCED -> incident.status();
            case RESULT -> throw new IllegalArgumentException("a playbook result moves no incident");
        };
    }
}
