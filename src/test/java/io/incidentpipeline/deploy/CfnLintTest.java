package io.incidentpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.SynthesizedApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The synthesized templates of every configuration of {@link DeployabilityTest#configurations()}
 * through cfn-lint, CloudFormation's own linter: zero findings but those listed, with a reason each,
 * in {@code cfn-lint-ignores.json}. Skipped, saying how to install it, where cfn-lint is absent.
 *
 * <p>cfn-lint's start-up dominates its run time, so every template of the matrix that deploys to one
 * region goes through one cfn-lint process, and the regions' processes run side by side.
 */
class CfnLintTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode ignores;
    /** Template file → cfn-lint's findings in it. */
    private static final Map<String, List<JsonNode>> FINDINGS = new ConcurrentHashMap<>();

    static Stream<Arguments> configurations() {
        return DeployabilityTest.configurations();
    }

    @BeforeAll
    static void lintEveryTemplateOfTheMatrix() throws Exception {
        Assumptions.assumeTrue(cfnLintVersion() != null,
                "cfn-lint is not installed: `pip install cfn-lint` (1.51 or later) to run the template linter matrix");
        try (InputStream in = CfnLintTest.class.getResourceAsStream("cfn-lint-ignores.json")) {
            ignores = JSON.readTree(in).path("ignores");
        }
        Map<String, List<String>> templatesByRegion = new HashMap<>();
        configurations().forEach(arguments -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) arguments.get()[1];
            Path outdir = SynthesizedApp.synthesize(context).outdir();
            new CloudAssemblyView(outdir).stacks().values().forEach(stack -> {
                String file = outdir.resolve(stack.id() + ".template.json").toString();
                templatesByRegion.computeIfAbsent(stack.region(), r -> new ArrayList<>()).add(file);
                FINDINGS.put(file, new ArrayList<>());
            });
        });
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<JsonNode>> runs = new ArrayList<>();
            templatesByRegion.forEach((region, files) -> runs.add(pool.submit(() -> lint(files, region))));
            for (Future<JsonNode> run : runs) {
                run.get(10, TimeUnit.MINUTES).forEach(f -> FINDINGS.get(f.path("Filename").asText()).add(f));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void shouldLeaveNoUnexplainedFinding(String name, Map<String, Object> context) {
        Path outdir = SynthesizedApp.synthesize(context).outdir();
        List<String> unexplained = new ArrayList<>();
        new CloudAssemblyView(outdir).stacks().values().forEach(stack -> {
            String file = outdir.resolve(stack.id() + ".template.json").toString();
            for (JsonNode finding : FINDINGS.get(file)) {
                JsonNode path = finding.path("Location").path("Path");
                String type = "Resources".equals(path.path(0).asText())
                        ? stack.template().path("Resources").path(path.path(1).asText()).path("Type").asText() : "";
                if (!isIgnored(finding, type)) {
                    unexplained.add(finding.path("Rule").path("Id").asText() + " " + path + " (" + type + "): "
                            + finding.path("Message").asText() + " in " + stack.id());
                }
            }
        });
        assertThat(unexplained).as("cfn-lint findings not in cfn-lint-ignores.json").isEmpty();
    }

    private static boolean isIgnored(JsonNode finding, String resourceType) {
        for (JsonNode ignore : ignores) {
            if (ignore.path("rule").asText().equals(finding.path("Rule").path("Id").asText())
                    && (!ignore.has("resourceType") || ignore.path("resourceType").asText().equals(resourceType))
                    && (!ignore.has("messageContains")
                            || finding.path("Message").asText().contains(ignore.path("messageContains").asText()))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode lint(List<String> templates, String region) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "json", "--regions", region, "-t"));
        command.addAll(templates);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish within 5 minutes on " + templates);
        }
        String text = new String(out, StandardCharsets.UTF_8).trim();
        // Exit codes 2, 4 and 8 say findings of some level were found; output that is not JSON means it did not run.
        if (!text.startsWith("[")) {
            throw new AssertionError("cfn-lint failed (exit " + process.exitValue() + ") on " + templates + ": " + text);
        }
        return JSON.readTree(text);
    }

    private static String cfnLintVersion() {
        try {
            Process process = new ProcessBuilder("cfn-lint", "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while looking for cfn-lint", e));
        }
    }
}
