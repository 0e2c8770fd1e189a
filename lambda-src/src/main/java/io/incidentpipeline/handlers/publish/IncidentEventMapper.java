package io.incidentpipeline.handlers.publish;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which event, if any, a change of the table means. Only current-incident items
 * ({@code FP#…/INCIDENT}) written by this region ({@code writtenRegion}) count: in a global table
 * every region's stream sees every region's writes, and each write must reach the buses once.
 * <ul>
 *   <li>INSERT: {@code Incident Opened};</li>
 *   <li>MODIFY that replaced a resolved incident with a new one (the id changed): {@code Incident Opened};</li>
 *   <li>MODIFY whose status became ACKNOWLEDGED or RESOLVED: {@code Incident Acknowledged} or {@code Incident Resolved};</li>
 *   <li>MODIFY that removed the silence of the same incident ({@code silenceId}) without resolving it:
 *       {@code Incident Unsilenced};</li>
 *   <li>MODIFY that raised the severity of the same incident: {@code Incident Escalated};</li>
 *   <li>any other MODIFY (e.g. one more occurrence): {@code Incident Updated};</li>
 *   <li>REMOVE, and every other item: nothing.</li>
 * </ul>
 */
public final class IncidentEventMapper {
    private final String region;

    /** @param region this publisher's region */
    public IncidentEventMapper(String region) {
        this.region = region;
    }

    /**
     * @return the event the record means, or empty when it means none
     * @throws IllegalArgumentException when an incident item's image is malformed
     */
    public Optional<IncidentEvent> map(DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (change == null || change.getNewImage() == null || !isIncident(change.getKeys())) {
            return Optional.empty();
        }
        Incident incident = Incident.fromItem(StreamImages.toSdk(change.getNewImage()));
        if (!region.equals(incident.writtenRegion())) {
            return Optional.empty();
        }
        if ("INSERT".equals(record.getEventName())) {
            return Optional.of(new IncidentEvent(DetailType.OPENED, incident, null));
        }
        if (!"MODIFY".equals(record.getEventName())) {
            return Optional.empty();
        }
        Incident before = change.getOldImage() == null ? null : Incident.fromItem(StreamImages.toSdk(change.getOldImage()));
        return Optional.of(new IncidentEvent(modification(before, incident), incident, before));
    }

    private static DetailType modification(Incident before, Incident incident) {
        if (before == null) {
            return DetailType.UPDATED;
        }
        if (!before.incidentId().equals(incident.incidentId())) {
            return DetailType.OPENED;
        }
        if (before.status() != incident.status()) {
            if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
                return DetailType.ACKNOWLEDGED;
            }
            if (incident.status() == IncidentStatus.RESOLVED) {
                return DetailType.RESOLVED;
            }
        }
        if (before.silence() != null && incident.silence() == null && incident.status() != IncidentStatus.RESOLVED) {
            return DetailType.UNSILENCED;
        }
        if (incident.severity().isMoreUrgentThan(before.severity())) {
            return DetailType.ESCALATED;
        }
        return DetailType.UPDATED;
    }

    private static boolean isIncident(Map<String, AttributeValue> keys) {
        if (keys == null || keys.get(ItemKeys.PK) == null || keys.get(ItemKeys.SK) == null) {
            return false;
        }
        return ItemKeys.isIncident(keys.get(ItemKeys.PK).getS(), keys.get(ItemKeys.SK).getS());
    }
}
