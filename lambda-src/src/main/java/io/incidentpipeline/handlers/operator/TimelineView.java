package io.incidentpipeline.handlers.operator;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The JSON the operator API shows for index items and history items. */
final class TimelineView {
    private TimelineView() {
    }

    /** @return a listing's entry: the attributes the index projects */
    static Map<String, Object> summary(Map<String, AttributeValue> item) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String name : new String[] {"incidentId", "title", "severity", "service", "source", "status", "openedAt"}) {
            AttributeValue value = item.get(name);
            if (value != null) {
                summary.put(name, value.s());
            }
        }
        return summary;
    }

    /**
     * @return the incident's timeline, oldest first: its entries and playbook runs, and, when alerts
     *         repeated, one {@code occurrences} entry at the latest one (a duplicate writes no entry of
     *         its own: the incident item counts it)
     */
    static List<Map<String, Object>> timeline(Incident incident, List<Map<String, AttributeValue>> history) {
        List<Map<String, Object>> timeline = new ArrayList<>(history.stream().map(TimelineView::entry).toList());
        if (incident.occurrences() > 1) {
            Map<String, Object> repeats = new LinkedHashMap<>();
            repeats.put("type", "occurrences");
            repeats.put("at", Timestamps.format(incident.lastSeenAt()));
            repeats.put("occurrences", incident.occurrences());
            repeats.put("firstSeenAt", Timestamps.format(incident.openedAt()));
            repeats.put("lastSeenAt", Timestamps.format(incident.lastSeenAt()));
            timeline.add(repeats);
        }
        timeline.sort(Comparator.comparing(entry -> String.valueOf(entry.get("at"))));
        return timeline;
    }

    /**
     * @return a timeline entry ({@code type} opened, acknowledged, resolved) or a playbook run
     *         ({@code type} playbook, {@code at} its start), without table keys
     */
    static Map<String, Object> entry(Map<String, AttributeValue> item) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (item.get(ItemKeys.SK).s().startsWith(ItemKeys.PLAYBOOK_PREFIX)) {
            entry.put("type", "playbook");
            entry.put("at", item.get("startedAt").s());
        }
        item.forEach((name, value) -> {
            if (!name.equals(ItemKeys.PK) && !name.equals(ItemKeys.SK) && !name.equals("incidentId")) {
                entry.putIfAbsent(name.equals("writtenRegion") ? "region" : name, plain(value));
            }
        });
        return entry;
    }

    private static Object plain(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return new BigDecimal(value.n());
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasL()) {
            return value.l().stream().map(TimelineView::plain).toList();
        }
        if (value.hasM()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.m().forEach((key, nested) -> map.put(key, plain(nested)));
            return map;
        }
        return null;
    }
}
