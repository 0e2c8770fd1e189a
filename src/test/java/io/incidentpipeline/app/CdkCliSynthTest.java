package io.incidentpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's main job, run the way a user runs it: the pinned CDK CLI from npm synthesizes the
 * app from cdk.json, with CloudFormation template validation on (findings are errors through the
 * {@code @aws-cdk/core:validateAgainstDefaultRules} flag) and the nag packs as the gate.
 */
class CdkCliSynthTest {
    private static final Path CDK_CLI = Path.of("node_modules", "aws-cdk", "bin", "cdk");

    private static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    private static Run cdkSynth(Path outdir, String... context) throws IOException, InterruptedException {
        assertThat(CDK_CLI).as("the pinned CDK CLI; run `npm ci` in the repo root").exists();
        List<String> command = new ArrayList<>(List.of("node", CDK_CLI.toString(), "synth", "--quiet", "--output",
                outdir.toString()));
        for (String pair : context) {
            command.add("--context");
            command.add(pair);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CDK_VALIDATION");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void shouldSynthesizeTheDefaultAppCleanly_withTemplateValidationAndNagOn() throws Exception {
        Path outdir = Files.createTempDirectory(Path.of("target"), "cli-cdk.out-");

        Run run = cdkSynth(outdir);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).doesNotContain("Synthesis finished with errors").doesNotContain("WARNING");
        assertThat(outdir.resolve("IncidentPipeline-dev-us-east-1.template.json")).exists();
        assertThat(outdir.resolve("cost-estimate.json")).exists();
        assertThat(Files.readString(outdir.resolve("cost-estimate.md"))).contains("# Cost estimate: stage `dev`");
        Path report = outdir.resolve("validation-report.json");
        if (Files.exists(report)) {
            for (JsonNode plugin : new ObjectMapper().readTree(report.toFile()).path("pluginReports")) {
                assertThat(plugin.path("violations")).as(plugin.path("pluginName").asText()).isEmpty();
            }
        }
    }

    @Test
    void shouldFailNamingTheKeyAndTheFix_whenTheContextIsInvalid() throws Exception {
        Path outdir = Files.createTempDirectory(Path.of("target"), "cli-cdk.out-");

        Run run = cdkSynth(outdir, "stage=Prod", "notifyEmails=oncall");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.output)
                .contains("stage = 'Prod': stage must be prod, staging, dev or dev-<name>")
                .contains("notifyEmails = 'oncall': 'oncall' is not an e-mail address")
                .doesNotContain("at io.incidentpipeline");
        assertThat(outdir.resolve("IncidentPipeline-dev-us-east-1.template.json")).doesNotExist();
    }
}
