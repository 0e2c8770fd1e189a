package io.incidentpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Configuration errors as a user meets them: through the pinned CDK CLI from npm, which runs the
 * app compiled by this build (the clean synth from cdk.json's own app command, build included, is
 * {@link FreshCloneTest}).
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
        String app = "java -cp target/classes:" + Files.readString(Path.of("target", "classpath.txt")).strip()
                + " " + IncidentPipelineApp.class.getName();
        List<String> command = new ArrayList<>(List.of("node", CDK_CLI.toString(), "synth", "--quiet", "--output",
                outdir.toString(), "--app", app));
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

    /** One CLI run for every kind of problem: they are reported together, and a run costs seconds. */
    @Test
    void shouldFailNamingEveryKeyAndItsFix_misspeltKeysIncluded() throws Exception {
        Path outdir = Files.createTempDirectory(Path.of("target"), "cli-cdk.out-");

        Run run = cdkSynth(outdir, "stage=Prod", "notifyEmails=oncall", "region=eu-west-1");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.output)
                .contains("stage = 'Prod': stage must be prod, staging, dev or dev-<name>")
                .contains("notifyEmails = 'oncall': 'oncall' is not an e-mail address")
                .contains("region = 'eu-west-1': unknown key; did you mean regions?")
                .doesNotContain("at io.incidentpipeline");
        try (var files = Files.list(outdir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".template.json"));
        }
    }
}
