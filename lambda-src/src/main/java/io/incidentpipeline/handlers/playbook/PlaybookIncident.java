package io.incidentpipeline.handlers.playbook;

import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.Provenance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The incident a playbook acts on, as the table holds it when the run starts: the event only says
 * which incident to read (docs/CONTRACTS.md, "Events on the incident bus").
 *
 * @param incidentId the incident
 * @param detailType the {@code detail-type} of the event that triggered the run, e.g. {@code Incident Opened}
 * @param source     the alert source, e.g. {@code aws-securityhub}
 * @param severity   {@code critical|high|medium|low|info}
 * @param service    the affected service
 * @param category   the kind of problem
 * @param title      the one-line summary
 * @param labels     the incident's labels (where sources name the affected resource), possibly empty
 * @param provenance where its first alert came from, when the pipeline verified that itself; or {@code null}
 */
public record PlaybookIncident(String incidentId, String detailType, String source, String severity, String service,
        String category, String title, Map<String, String> labels, Provenance provenance) {

    /**
     * Copies {@code labels}, so the incident a playbook sees cannot change under it.
     *
     * @param incidentId the incident
     * @param detailType the {@code detail-type} of the event that triggered the run
     * @param source     the alert source
     * @param severity   {@code critical|high|medium|low|info}
     * @param service    the affected service
     * @param category   the kind of problem
     * @param title      the one-line summary
     * @param labels     the incident's labels, possibly empty
     * @param provenance where its first alert came from, when the pipeline verified that itself; or {@code null}
     */
    public PlaybookIncident {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * @param incident   the incident read from the table
     * @param detailType the {@code detail-type} of the event that triggered the run
     * @return the playbook's view of it
     */
    public static PlaybookIncident of(Incident incident, String detailType) {
        return new PlaybookIncident(incident.incidentId(), detailType, incident.source(), incident.severity().value(),
                incident.service(), incident.category(), incident.title(), incident.labels(), incident.provenance());
    }
}
