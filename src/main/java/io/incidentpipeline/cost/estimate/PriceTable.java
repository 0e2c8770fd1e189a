package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dated, sourced AWS price table the estimator uses ({@code prices.json}): one entry per
 * {@link Price}, each with its unit, its price in USD and the AWS pricing page it comes from.
 *
 * <p>The table is strict on purpose: an unknown key, a missing key, a unit other than the one the
 * code assumes, or an entry without a source is a load error naming the file and the key. A price
 * nobody can trace back to a pricing page should not reach a cost report.
 */
public final class PriceTable {
    /** The bundled table. */
    public static final String DEFAULT_RESOURCE = "/io/incidentpipeline/cost/prices.json";

    private static final Set<String> TOP_LEVEL = Set.of("asOf", "region", "currency", "basis", "prices");
    private static final Set<String> ENTRY_FIELDS = Set.of("unit", "usd", "source", "note");

    private final LocalDate asOf;
    private final String region;
    private final String basis;
    private final Map<Price, Entry> entries;

    /**
     * One price as the file states it.
     *
     * @param price  which price
     * @param unit   the unit, e.g. {@code per million requests}
     * @param usd    the price in USD per unit
     * @param source the AWS pricing page
     * @param note   tiering or caveats, possibly empty
     */
    public record Entry(Price price, String unit, double usd, String source, String note) {
    }

    private PriceTable(LocalDate asOf, String region, String basis, Map<Price, Entry> entries) {
        this.asOf = asOf;
        this.region = region;
        this.basis = basis;
        this.entries = Collections.unmodifiableMap(new EnumMap<>(entries));
    }

    /** @return the bundled table */
    public static PriceTable load() {
        return fromJson(JsonFiles.readResource(DEFAULT_RESOURCE), DEFAULT_RESOURCE);
    }

    /**
     * @param file a price table in the form of {@code prices.json}
     * @return the table in {@code file}
     */
    public static PriceTable load(Path file) {
        return fromJson(JsonFiles.read(file), file.toString());
    }

    /**
     * @param json     the table as text
     * @param fileName named in error messages
     * @return the table
     */
    public static PriceTable parse(String json, String fileName) {
        return fromJson(JsonFiles.parse(json, fileName), fileName);
    }

    private static PriceTable fromJson(JsonNode root, String fileName) {
        JsonFiles.onlyFields(root, TOP_LEVEL, "the top level", fileName);
        LocalDate asOf;
        String asOfText = JsonFiles.text(root, "asOf", fileName);
        try {
            asOf = LocalDate.parse(asOfText);
        } catch (DateTimeParseException e) {
            throw new CostModelException(fileName + ": key 'asOf' must be a date like 2026-11-25, got '" + asOfText + "'");
        }
        String region = JsonFiles.text(root, "region", fileName);
        String currency = JsonFiles.text(root, "currency", fileName);
        if (!"USD".equals(currency)) {
            throw new CostModelException(fileName + ": key 'currency' must be USD, got '" + currency + "'");
        }
        String basis = root.path("basis").asText("");
        ObjectNode prices = JsonFiles.object(root, "prices", fileName);
        Map<String, Price> byKey = Stream.of(Price.values()).collect(Collectors.toMap(Price::key, p -> p));
        Map<Price, Entry> entries = new EnumMap<>(Price.class);
        for (Map.Entry<String, JsonNode> field : prices.properties()) {
            Price price = byKey.get(field.getKey());
            if (price == null) {
                throw new CostModelException(fileName + ": unknown price key 'prices." + field.getKey()
                        + "' (the estimator does not use it; remove it or add it to Price)");
            }
            entries.put(price, entry(price, field.getValue(), fileName));
        }
        List<String> missing = Stream.of(Price.values()).filter(p -> !entries.containsKey(p)).map(Price::key).toList();
        if (!missing.isEmpty()) {
            throw new CostModelException(fileName + ": missing price key 'prices." + missing.get(0) + "'"
                    + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more: " + missing + ")" : ""));
        }
        return new PriceTable(asOf, region, basis, entries);
    }

    private static Entry entry(Price price, JsonNode node, String fileName) {
        String where = "prices." + price.key();
        if (!node.isObject()) {
            throw new CostModelException(fileName + ": key '" + where + "' must be an object with unit, usd and source");
        }
        JsonFiles.onlyFields(node, ENTRY_FIELDS, "'" + where + "'", fileName);
        String unit = JsonFiles.text(node, "unit", fileName + " '" + where + "'");
        if (!unit.equals(price.unit())) {
            throw new CostModelException(fileName + ": key '" + where + ".unit' must be '" + price.unit()
                    + "' (the unit the estimator computes with), got '" + unit + "'");
        }
        JsonNode usd = node.get("usd");
        if (usd == null || !usd.isNumber() || usd.asDouble() < 0) {
            throw new CostModelException(fileName + ": key '" + where + ".usd' must be a number of USD, zero or more");
        }
        JsonNode source = node.get("source");
        if (source == null || !source.isTextual() || !source.asText().startsWith("https://aws.amazon.com/")) {
            throw new CostModelException(fileName + ": key '" + where + ".source' must be the URL of the AWS pricing page"
                    + " (https://aws.amazon.com/...) the price comes from");
        }
        return new Entry(price, unit, usd.asDouble(), source.asText(), node.path("note").asText(""));
    }

    /**
     * @param price which price
     * @return the price in USD per {@link Price#unit()}
     */
    public double usd(Price price) {
        return entries.get(price).usd();
    }

    /** @return the date the prices were checked */
    public LocalDate asOf() {
        return asOf;
    }

    /** @return the AWS region the prices are for */
    public String region() {
        return region;
    }

    /** @return what the prices are (tier, free tiers), for the report */
    public String basis() {
        return basis;
    }

    /** @return every entry, in {@link Price} order */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}
