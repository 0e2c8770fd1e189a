package io.incidentpipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.app.IncidentPipelineApp;
import io.incidentpipeline.app.IncidentPipelineStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The deployable app synthesized in-process, once per configuration and JVM (a synth costs seconds;
 * every assertion after it costs milliseconds). The nag packs run as in {@code cdk synth}.
 */
public final class SynthesizedApp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<IncidentPipelineStack> stacks;
    private final Path outdir;

    private SynthesizedApp(List<IncidentPipelineStack> stacks, Path outdir) {
        this.stacks = stacks;
        this.outdir = outdir;
    }

    private static final Map<Map<String, Object>, SynthesizedApp> CACHE = new ConcurrentHashMap<>();

    /**
     * The app synthesized with {@code context} over the context of {@code cdk.json} (its defaults and
     * feature flags, as {@code cdk synth} sees them); synthesized once per JVM for each distinct
     * context, so test classes share it.
     */
    public static SynthesizedApp synthesize(Map<String, Object> context) {
        return CACHE.computeIfAbsent(Map.copyOf(context), SynthesizedApp::synthesizeNow);
    }

    private static SynthesizedApp synthesizeNow(Map<String, Object> context) {
        return synthesize(context, stacks -> { });
    }

    /**
     * The app synthesized with {@code context}, after {@code additions} added constructs to its stacks
     * (a test-only app; not cached).
     */
    public static SynthesizedApp synthesize(Map<String, Object> context, Consumer<List<IncidentPipelineStack>> additions) {
        try {
            Path outdir = Files.createTempDirectory(Path.of("target"), "cdk.out-");
            Map<String, Object> merged = new HashMap<>(cdkJsonContext());
            merged.putAll(context);
            App app = new App(AppProps.builder().outdir(outdir.toString()).context(merged).build());
            List<IncidentPipelineStack> stacks = IncidentPipelineApp.build(app);
            additions.accept(stacks);
            app.synth();
            return new SynthesizedApp(stacks, outdir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> cdkJsonContext() throws IOException {
        JsonNode context = JSON.readTree(Path.of("cdk.json").toFile()).path("context");
        return JSON.convertValue(context, new TypeReference<Map<String, Object>>() { });
    }

    /** @return the cloud assembly directory the app was synthesized into */
    public Path outdir() {
        return outdir;
    }

    /** @return the stacks, one per region */
    public List<IncidentPipelineStack> stacks() {
        return stacks;
    }

    /** @return the template of the first (for one region: the only) stack */
    public Template template() {
        return Template.fromStack(stacks.get(0));
    }

    /** @return the template of the pipeline stack in {@code region} */
    public Template template(String region) {
        return Template.fromStack(stacks.stream().filter(s -> region.equals(s.getRegion())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stack in " + region)));
    }

    /** @return the template of the pipeline stack in {@code region} as a JSON tree */
    public JsonNode templateJson(String region) {
        return read(outdir.resolve(stacks.stream().filter(s -> region.equals(s.getRegion())).findFirst()
                .orElseThrow().getArtifactId() + ".template.json"));
    }

    /** @return the template of the first stack as a JSON tree, for walks over every resource */
    public JsonNode templateJson() {
        return templateJson(stacks.get(0).getRegion());
    }

    /** @return the template of another stack of the app (e.g. {@code IncidentPipeline-prod-health-alarms}) as a JSON tree */
    public JsonNode templateJsonOf(String stackName) {
        return read(outdir.resolve(stackName + ".template.json"));
    }

    /** @return the ids of the stacks {@code stackName} deploys after (its direct dependencies in manifest.json) */
    public List<String> dependenciesOf(String stackName) {
        List<String> ids = new java.util.ArrayList<>();
        read(outdir.resolve("manifest.json")).path("artifacts").path(stackName).path("dependencies")
                .forEach(d -> ids.add(d.asText()));
        return ids;
    }

    /** @return the validation report, or null when the validation plugins found nothing to report */
    public JsonNode validationReport() {
        Path report = outdir.resolve("validation-report.json");
        return Files.exists(report) ? read(report) : null;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
