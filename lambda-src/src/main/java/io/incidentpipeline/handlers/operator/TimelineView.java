package io.incidentpipeline.handlers.operator;

import io.incidentpipeline.handlers.store.ItemKeys;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
     * @return a timeline entry ({@code type} opened, occurrence, acknowledged, resolved) or a
     *         playbook run ({@code type} playbook, {@code at} its start), without table keys
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
