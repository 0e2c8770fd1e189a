package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one alert does, on average ({@code traffic-model.json}): the share that opens an incident,
 * the share routed to a playbook, warm durations, log bytes, sampling and probe rates. Each value
 * carries a {@code why}, printed in the report beside the figure it drives, so a reviewer can
 * argue with the assumption rather than with the arithmetic.
 *
 * <p>Strict like {@link PriceTable}: unknown or missing keys, a missing {@code why}, or a value out
 * of its range is a load error naming the file and the key.
 */
public final class TrafficModel {
    /** The bundled model. */
    public static final String DEFAULT_RESOURCE = "/io/incidentpipeline/cost/traffic-model.json";

    private static final Set<String> TOP_LEVEL = Set.of("description", "assumptions");
    private static final Set<String> ENTRY_FIELDS = Set.of("value", "why");

    private final Map<Assumption, Entry> entries;

    /**
     * One assumption as the file states it.
     *
     * @param assumption which assumption
     * @param value      its value (a flag is 1 for true, 0 for false)
     * @param why        the reason for the value
     */
    public record Entry(Assumption assumption, double value, String why) {
        /** @return the value as written: {@code true}/{@code false} for flags, else the number */
        public Object displayValue() {
            if (assumption.kind() == Assumption.Kind.FLAG) {
                return value != 0;
            }
            return value == Math.rint(value) ? (Object) (long) value : (Object) value;
        }
    }

    private TrafficModel(Map<Assumption, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new EnumMap<>(entries));
    }

    /** @return the bundled model */
    public static TrafficModel load() {
        return fromJson(JsonFiles.readResource(DEFAULT_RESOURCE), DEFAULT_RESOURCE);
    }

    /**
     * @param file a traffic model in the form of {@code traffic-model.json}
     * @return the model in {@code file}
     */
    public static TrafficModel load(Path file) {
        return fromJson(JsonFiles.read(file), file.toString());
    }

    /**
     * @param json     the model as text
     * @param fileName named in error messages
     * @return the model
     */
    public static TrafficModel parse(String json, String fileName) {
        return fromJson(JsonFiles.parse(json, fileName), fileName);
    }

    private static TrafficModel fromJson(JsonNode root, String fileName) {
        JsonFiles.onlyFields(root, TOP_LEVEL, "the top level", fileName);
        ObjectNode assumptions = JsonFiles.object(root, "assumptions", fileName);
        Map<String, Assumption> byKey = Stream.of(Assumption.values())
                .collect(Collectors.toMap(Assumption::key, a -> a));
        Map<Assumption, Entry> entries = new EnumMap<>(Assumption.class);
        for (Map.Entry<String, JsonNode> field : assumptions.properties()) {
            Assumption assumption = byKey.get(field.getKey());
            if (assumption == null) {
                throw new CostModelException(fileName + ": unknown assumption key 'assumptions." + field.getKey()
                        + "' (the estimator does not use it; remove it or add it to Assumption)");
            }
            entries.put(assumption, entry(assumption, field.getValue(), fileName));
        }
        List<String> missing = Stream.of(Assumption.values()).filter(a -> !entries.containsKey(a))
                .map(Assumption::key).toList();
        if (!missing.isEmpty()) {
            throw new CostModelException(fileName + ": missing assumption key 'assumptions." + missing.get(0) + "'"
                    + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more: " + missing + ")" : ""));
        }
        return new TrafficModel(entries);
    }

    private static Entry entry(Assumption assumption, JsonNode node, String fileName) {
        String where = "assumptions." + assumption.key();
        if (!node.isObject()) {
            throw new CostModelException(fileName + ": key '" + where + "' must be an object with value and why");
        }
        JsonFiles.onlyFields(node, ENTRY_FIELDS, "'" + where + "'", fileName);
        JsonFiles.text(node, "why", fileName + " '" + where + "'");
        JsonNode value = node.get("value");
        double number;
        if (assumption.kind() == Assumption.Kind.FLAG) {
            if (value == null || !value.isBoolean()) {
                throw new CostModelException(fileName + ": key '" + where + ".value' must be true or false");
            }
            number = value.asBoolean() ? 1 : 0;
        } else {
            if (value == null || !value.isNumber()) {
                throw new CostModelException(fileName + ": key '" + where + ".value' must be a number");
            }
            number = value.asDouble();
            String problem = switch (assumption.kind()) {
                case SHARE -> number < 0 || number > 1 ? "a share from 0 to 1" : null;
                case POSITIVE -> number <= 0 ? "a number above 0" : null;
                default -> number < 0 ? "a number, 0 or more" : null;
            };
            if (problem != null) {
                throw new CostModelException(fileName + ": key '" + where + ".value' must be " + problem + ", got " + number);
            }
        }
        return new Entry(assumption, number, node.get("why").asText());
    }

    /**
     * @param assumption a numeric assumption
     * @return the value of a numeric assumption
     */
    public double value(Assumption assumption) {
        return entries.get(assumption).value();
    }

    /**
     * @param assumption a true/false assumption
     * @return the value of a true/false assumption
     */
    public boolean flag(Assumption assumption) {
        return entries.get(assumption).value() != 0;
    }

    /** @return every entry, in {@link Assumption} order */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}
