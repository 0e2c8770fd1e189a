package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stage's cost estimate as files: {@code cost-estimate.json} for machines (every figure rounded
 * to 4 decimals of USD) and {@code cost-estimate.md} for reviewers (rows sorted by cost per
 * million alerts, 2 decimals, with the assumptions and the dated price sources).
 *
 * <pre>{@code
 * CostReport.writeTo(Path.of("cdk.out"), "dev");   // writes cdk.out/cost-estimate.{json,md}
 * }</pre>
 */
public final class CostReport {
    /** The machine-readable file, beside the templates. */
    public static final String JSON_FILE = "cost-estimate.json";
    /** The readable file, beside the templates. */
    public static final String MARKDOWN_FILE = "cost-estimate.md";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Document document;

    /**
     * The report as written to {@code cost-estimate.json}.
     *
     * @param stage       the stage estimated
     * @param asOf        the date of the price table
     * @param region      the region of the price table
     * @param currency    always USD
     * @param stacks      the stacks estimated
     * @param totals      idle and per-million totals
     * @param floor       the price floor and its items
     * @param ratio       the estimate over the floor, and the goal
     * @param resources   a row per resource, in template order
     * @param assumptions the traffic assumptions, each with its reason
     * @param conventions units and simplifications every figure follows
     * @param prices      the price table entries, each with its source
     */
    public record Document(String stage, String asOf, String region, String currency, List<String> stacks,
                           Totals totals, Floor floor, Ratio ratio, List<Row> resources,
                           List<AssumptionRow> assumptions, List<String> conventions, List<PriceRow> prices) {
    }

    /**
     * @param idleMonthlyUsd      USD a month with zero alerts
     * @param perMillionAlertsUsd USD per million alerts
     */
    public record Totals(BigDecimal idleMonthlyUsd, BigDecimal perMillionAlertsUsd) {
    }

    /**
     * @param perMillionAlertsUsd the floor, USD per million alerts
     * @param items               its request charges
     */
    public record Floor(BigDecimal perMillionAlertsUsd, List<FloorRow> items) {
    }

    /**
     * @param item                the request charged
     * @param perMillionAlertsUsd its price per million alerts
     */
    public record FloorRow(String item, BigDecimal perMillionAlertsUsd) {
    }

    /**
     * @param value      total per million over the floor (null when there is no floor)
     * @param goal       the goal, {@value CostEstimate#RATIO_GOAL}
     * @param withinGoal whether the value is at most the goal (null when there is no floor)
     */
    public record Ratio(BigDecimal value, BigDecimal goal, Boolean withinGoal) {
    }

    /**
     * @param stack               the stack
     * @param logicalId           the logical id
     * @param type                the CloudFormation type
     * @param idleMonthlyUsd      USD a month with zero alerts
     * @param perMillionAlertsUsd USD per million alerts
     * @param kind                PRICED, NO_CHARGE or NOT_PRICED
     * @param note                how the figures were reached
     */
    public record Row(String stack, String logicalId, String type, BigDecimal idleMonthlyUsd,
                      BigDecimal perMillionAlertsUsd, ResourceCost.Kind kind, String note) {
    }

    /**
     * @param key   the key in {@code traffic-model.json}
     * @param value the value (number, or true/false)
     * @param why   the reason for it
     */
    public record AssumptionRow(String key, JsonNode value, String why) {
    }

    /**
     * @param key    the key in {@code prices.json}
     * @param unit   the unit
     * @param usd    USD per unit
     * @param source the AWS pricing page
     * @param note   tiering and caveats
     */
    public record PriceRow(String key, String unit, BigDecimal usd, String source, String note) {
    }

    /**
     * @param stage    the stage estimated, e.g. {@code dev}
     * @param estimate its estimate
     */
    public CostReport(String stage, CostEstimate estimate) {
        this.document = document(stage, estimate);
    }

    private CostReport(Document document) {
        this.document = document;
    }

    private static Document document(String stage, CostEstimate e) {
        List<Row> rows = e.resources().stream().map(r -> new Row(r.stack(), r.logicalId(), r.type(),
                usd(r.idleMonthlyUsd()), usd(r.perMillionAlertsUsd()), r.kind(), r.note())).toList();
        List<FloorRow> floor = e.floor().stream().map(f -> new FloorRow(f.item(), usd(f.perMillionAlertsUsd()))).toList();
        Ratio ratio = e.ratio().isPresent()
                ? new Ratio(usd(e.ratio().getAsDouble()), BigDecimal.valueOf(CostEstimate.RATIO_GOAL),
                        e.ratio().getAsDouble() <= CostEstimate.RATIO_GOAL)
                : new Ratio(null, BigDecimal.valueOf(CostEstimate.RATIO_GOAL), null);
        List<AssumptionRow> assumptions = e.traffic().entries().stream()
                .map(a -> new AssumptionRow(a.assumption().key(), jsonValue(a.displayValue()), a.why())).toList();
        List<PriceRow> prices = e.prices().entries().stream().map(p -> new PriceRow(p.price().key(), p.unit(),
                BigDecimal.valueOf(p.usd()), p.source(), p.note())).toList();
        return new Document(stage, e.prices().asOf().toString(), e.prices().region(), "USD", e.stacks(),
                new Totals(usd(e.idleMonthlyUsd()), usd(e.perMillionAlertsUsd())),
                new Floor(usd(e.floorPerMillionAlertsUsd()), floor), ratio, rows, assumptions,
                List.of(Units.STATED), prices);
    }

    /** Built by the same parser that reads the file back, so a written report reads back equal. */
    private static JsonNode jsonValue(Object value) {
        try {
            return MAPPER.readTree(String.valueOf(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON value: " + value, e);
        }
    }

    /** @return {@code value} rounded half-up to 4 decimals */
    static BigDecimal usd(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    /** @return the report as {@code cost-estimate.json} holds it */
    public Document document() {
        return document;
    }

    /** @return the content of {@code cost-estimate.json} */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the cost estimate as JSON", e);
        }
    }

    /** @return the content of {@code cost-estimate.md} */
    public String toMarkdown() {
        return MarkdownReport.render(document);
    }

    /**
     * @param json the content of a {@code cost-estimate.json}
     * @return the report it holds
     * @throws CostModelException when it is not one
     */
    public static CostReport fromJson(String json) {
        try {
            return new CostReport(MAPPER.readValue(json, Document.class));
        } catch (JsonProcessingException e) {
            throw new CostModelException(JSON_FILE + ": not a cost estimate (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * Estimates the stacks of a cloud assembly ({@link #templatesIn}) with the bundled prices and
     * traffic model, and writes {@value #JSON_FILE} and {@value #MARKDOWN_FILE} beside them.
     *
     * @param cdkOutDir the cloud assembly, e.g. {@code cdk.out}
     * @param stage     the stage it was synthesized for
     * @return the report written
     * @throws CostModelException when the directory is not a cloud assembly, or a template cannot be read
     */
    public static CostReport writeTo(Path cdkOutDir, String stage) {
        return writeTo(cdkOutDir, stage, CostEstimator.withDefaults());
    }

    /**
     * @param cdkOutDir the cloud assembly
     * @param stage     the stage it was synthesized for
     * @param estimator the estimator to use
     * @return the report written
     */
    public static CostReport writeTo(Path cdkOutDir, String stage, CostEstimator estimator) {
        CostReport report = new CostReport(stage, estimator.estimate(templatesIn(cdkOutDir)));
        try {
            Files.writeString(cdkOutDir.resolve(JSON_FILE), report.toJson(), StandardCharsets.UTF_8);
            Files.writeString(cdkOutDir.resolve(MARKDOWN_FILE), report.toMarkdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cost estimate into " + cdkOutDir, e);
        }
        return report;
    }

    /** The cloud assembly's table of contents, which lists the stacks of the last synth. */
    public static final String MANIFEST_FILE = "manifest.json";
    private static final String STACK_ARTIFACT = "aws:cloudformation:stack";

    /**
     * The templates of the stacks this assembly holds, as its {@value #MANIFEST_FILE} lists them:
     * a template left in the directory by an earlier synth of another stage or region is not read.
     *
     * @param cdkOutDir a cloud assembly, e.g. {@code cdk.out}
     * @return its stacks' template files, in manifest order (nested assemblies are not read)
     * @throws CostModelException when it is not a cloud assembly or lists no stack
     */
    public static List<Path> templatesIn(Path cdkOutDir) {
        if (!Files.isDirectory(cdkOutDir)) {
            throw new CostModelException(cdkOutDir + ": not a directory (synthesize first: npx cdk synth)");
        }
        Path manifest = cdkOutDir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(manifest)) {
            throw new CostModelException(cdkOutDir + ": no " + MANIFEST_FILE
                    + ", so not a cloud assembly (synthesize first: npx cdk synth)");
        }
        List<Path> templates = new ArrayList<>();
        JsonNode artifacts = JsonFiles.read(manifest).path("artifacts");
        for (Map.Entry<String, JsonNode> artifact : artifacts.properties()) {
            if (STACK_ARTIFACT.equals(artifact.getValue().path("type").asText())) {
                String file = JsonFiles.text(artifact.getValue().path("properties"), "templateFile",
                        manifest + " (artifact " + artifact.getKey() + ")");
                templates.add(cdkOutDir.resolve(file));
            }
        }
        if (templates.isEmpty()) {
            throw new CostModelException(manifest + ": lists no stack to estimate (synthesize first: npx cdk synth)");
        }
        return templates;
    }

    /** @return the figures a synth prints: {@code $0.80 a month idle, $8.60 per million alerts} */
    public String headline() {
        return "$" + MarkdownReport.usd(document.totals().idleMonthlyUsd()) + " a month idle, $"
                + MarkdownReport.usd(document.totals().perMillionAlertsUsd()) + " per million alerts";
    }
}
