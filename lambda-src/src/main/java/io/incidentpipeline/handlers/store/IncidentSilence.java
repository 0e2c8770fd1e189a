package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The silence an incident opened under, as its head item carries it until the silence ends:
 * {@value #ID} and {@value #UNTIL} (the contract escalation relies on: no level fires while
 * {@code now < silencedUntil}), and {@value #PLAYBOOKS}.
 *
 * @param silenceId    the silence
 * @param until        when it ends (when it was recorded; an early delete announces sooner)
 * @param runPlaybooks whether playbooks run on the incident meanwhile
 */
public record IncidentSilence(String silenceId, Instant until, boolean runPlaybooks) {
    /** The head item's attribute holding the silence's id. */
    public static final String ID = "silenceId";
    /** The head item's attribute holding when the silence ends (ISO-8601, like every time on the item). */
    public static final String UNTIL = "silencedUntil";
    /** The head item's attribute holding whether playbooks run meanwhile. */
    public static final String PLAYBOOKS = "silencePlaybooks";

    /** @return the silence on an incident item, or {@code null} when it carries none */
    static IncidentSilence fromItem(Map<String, AttributeValue> item) {
        AttributeValue id = item.get(ID);
        AttributeValue until = item.get(UNTIL);
        if (id == null || id.s() == null || until == null || until.s() == null) {
            return null;
        }
        AttributeValue playbooks = item.get(PLAYBOOKS);
        return new IncidentSilence(id.s(), Instant.parse(until.s()), playbooks != null && Boolean.TRUE.equals(playbooks.bool()));
    }

    /** @return the item attributes that record it */
    Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(ID, AttributeValue.fromS(silenceId));
        attributes.put(UNTIL, AttributeValue.fromS(Timestamps.format(until)));
        attributes.put(PLAYBOOKS, AttributeValue.fromBool(runPlaybooks));
        return attributes;
    }

    /** @return the {@code silence} of the incident document and its events */
    public Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("silenceId", silenceId);
        document.put("until", Timestamps.format(until));
        document.put("playbooks", runPlaybooks);
        return document;
    }
}
