package io.incidentpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.lambda.HandlerCode;
import io.incidentpipeline.lambda.HandlerJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The README's main job as a new user runs it: a clone of this repository (its last commit) with
 * nothing built, then {@code npm ci && npm run synth} exactly as the README shows it. The pinned
 * CDK CLI runs cdk.json's app, which builds the handlers and the constructs first; template
 * validation and the nag packs are on, as in every {@code cdk synth}.
 *
 * <p>The one difference from a new user's machine: Maven resolves from the local repository of
 * the build running this test ({@code MAVEN_OPTS=-Dmaven.repo.local=…}, offline), so nothing is
 * downloaded and a user's other installed versions are never touched.
 */
class FreshCloneTest {
    private static final Path README = Path.of("README.md");
    /** The README's block that shows the main job and what it prints. */
    private static final Pattern SHOWN = Pattern.compile("```console\\n\\$ (npm ci && npm run synth)\\n(.*?)```",
            Pattern.DOTALL);
    /** npm's own timing, the one part of the output that changes from run to run. */
    private static final Pattern NPM_TIME = Pattern.compile("(added \\d+ packages) in [\\d.]+m?s");

    @TempDir
    static Path work;

    private static Path clone;
    private static int exitCode;
    private static List<String> printed;

    @BeforeAll
    static void cloneAndRunTheMainJob() throws IOException, InterruptedException {
        clone = work.resolve("incident-pipeline");
        assertThat(run(Path.of("."), List.of("git", "clone", "--quiet", Path.of(".").toAbsolutePath().toString(),
                clone.toString())).exitCode).isZero();
        Run job = run(clone, List.of("sh", "-c", mainJob()));
        exitCode = job.exitCode;
        // The clone's own path, where the CLI names the assembly, reads as the README writes it.
        String clonePath = clone.toAbsolutePath().toString();
        printed = job.output.lines().filter(line -> !line.isBlank())
                .map(line -> NPM_TIME.matcher(line).replaceAll("$1 in <time>").replace(clonePath, "<repository>")).toList();
    }

    @Test
    void shouldExitZero() {
        assertThat(exitCode).as(String.join("\n", printed)).isZero();
    }

    @Test
    void shouldPrintExactlyWhatTheReadmeShows_theStackAndWhereTheReportsAre() throws IOException {
        List<String> shown = shownInReadme().lines().filter(line -> !line.isBlank())
                .map(line -> NPM_TIME.matcher(line).replaceAll("$1 in <time>")).toList();

        assertThat(printed).containsExactlyElementsOf(shown);
        assertThat(Files.readString(README)).contains("prints " + printed.size() + " lines");
    }

    @Test
    void shouldLeaveTheTemplateTheReportsAndTheHandlerAssetsInCdkOut() throws IOException {
        Path out = clone.resolve("cdk.out");
        List<String> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        // performance-counters.json is CDK's own timing record, written on some synths and not others.
        assertThat(files).filteredOn(f -> !f.startsWith("asset.") && !f.equals("performance-counters.json")).containsExactly(
                "IncidentPipeline-apigateway-account-us-east-1.assets.json",
                "IncidentPipeline-apigateway-account-us-east-1.metadata.json",
                "IncidentPipeline-apigateway-account-us-east-1.template.json",
                "IncidentPipeline-dev-us-east-1.assets.json",
                "IncidentPipeline-dev-us-east-1.metadata.json",
                "IncidentPipeline-dev-us-east-1.template.json",
                "cdk.out", "cost-estimate.json", "cost-estimate.md", "manifest.json",
                "tree.json", "validation-report.json");
        // The ingest and events jars: the default stage deploys no remediation.
        assertThat(files).filteredOn(f -> f.startsWith("asset.")).hasSize(2).allMatch(f -> f.endsWith(".jar"));

        JsonNode report = new ObjectMapper().readTree(out.resolve("validation-report.json").toFile());
        assertThat(report.path("pluginReports")).isNotEmpty();
        for (JsonNode plugin : report.path("pluginReports")) {
            assertThat(plugin.path("conclusion").asText()).as(plugin.path("pluginName").asText()).isEqualTo("success");
            assertThat(plugin.path("violations")).as(plugin.path("pluginName").asText()).isEmpty();
        }
        assertThat(Files.readString(out.resolve("cost-estimate.md"))).startsWith("# Cost estimate: stage `dev`");
    }

    /**
     * Reproducible builds, as {@code cdk diff} after a rebuild sees them: the clone (another
     * directory, another build of the same commit) makes byte-identical handler jars, and its synth
     * stages them under the asset hashes this build's jars get, so a deploy changes no function.
     * scripts/check-reproducible.sh compares the library's own jars after {@code package}.
     */
    @Test
    void shouldBuildTheSameHandlerJarsAndAssetHashesAsThisBuild() throws IOException, InterruptedException {
        Run status = run(Path.of("."), List.of("git", "status", "--porcelain", "--", "lambda-src", "LICENSE"));
        assumeTrue(status.exitCode == 0 && status.output.isBlank(), "lambda-src/ has uncommitted changes: the clone"
                + " builds the last commit, so its jars are compared with this build's once they are committed");
        Stack stack = new Stack(new App(), "Hashes");
        List<String> thisBuild = new ArrayList<>();
        for (HandlerJar jar : HandlerJar.values()) {
            Path jarFile = Path.of("lambda-src", "target", jar.getFileName());
            assertThat(clone.resolve(jarFile)).as(jar.getFileName()).hasSameBinaryContentAs(jarFile);
            thisBuild.add("asset." + HandlerCode.of(jar).bind(new Construct(stack, jar.name())).getS3Location().getObjectKey());
        }
        try (Stream<Path> list = Files.list(clone.resolve("cdk.out"))) {
            List<String> staged = list.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("asset.")).toList();
            assertThat(staged).isNotEmpty();
            assertThat(thisBuild).containsAll(staged);
        }
    }

    /** @return the README's main job, the command of its {@code console} block */
    private static String mainJob() throws IOException {
        Matcher block = SHOWN.matcher(Files.readString(README));
        assertThat(block.find()).as("README.md shows `$ npm ci && npm run synth` and its output in a console block")
                .isTrue();
        return block.group(1);
    }

    private static String shownInReadme() throws IOException {
        Matcher block = SHOWN.matcher(Files.readString(README));
        assertThat(block.find()).isTrue();
        return block.group(2);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true);
        String repository = System.getProperty("incidentpipeline.test.repository");
        assertThat(repository).as("the build's local repository (surefire passes incidentpipeline.test.repository)")
                .isNotBlank();
        builder.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository);
        builder.environment().put("CDK_APP_MAVEN_ARGS", "--offline");
        builder.environment().remove("CDK_VALIDATION");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
