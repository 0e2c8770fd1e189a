package io.incidentpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cdk-app}, cdk.json's app command, decides when to build: the real script in a copy of
 * the project's layout, with {@code mvn} and {@code java} replaced by scripts that record their
 * calls (the real build and synth are {@link FreshCloneTest}'s).
 */
class CdkAppScriptTest {
    @TempDir
    Path project;

    private Path calls;

    @BeforeEach
    void projectWithStubbedMavenAndJava() throws IOException {
        Files.createDirectories(project.resolve("bin"));
        Files.copy(Path.of("bin", "cdk-app"), project.resolve("bin/cdk-app"), StandardCopyOption.COPY_ATTRIBUTES);
        write("pom.xml", "<project/>");
        write("src/main/java/App.java", "class App {}");
        write("lambda-src/pom.xml", "<project/>");
        write("lambda-src/src/main/java/Handler.java", "class Handler {}");
        calls = project.resolve("calls.txt");
        Files.createDirectories(project.resolve("stubs"));
        // mvn: records its arguments, writes the classpath file as the real build does, fails on demand.
        stub("mvn", """
                echo "mvn $*" >> calls.txt
                mkdir -p target && echo /lib/cdk.jar > target/classpath.txt
                if [ -f fail-build ]; then echo '[ERROR] Handler.java:[1,7] cannot find symbol'; exit 1; fi
                echo '[INFO] BUILD SUCCESS'
                """);
        stub("java", """
                echo "java $*" >> calls.txt
                echo "Synthesized App-dev-us-east-1 into cdk.out" >&2
                """);
    }

    @Test
    void shouldBuildOnTheFirstRunAndThenRunTheAppWithoutMaven() throws Exception {
        Run first = cdkApp();
        Run second = cdkApp();

        assertThat(first.exitCode).isZero();
        assertThat(first.output).isEqualTo("Synthesized App-dev-us-east-1 into cdk.out\n");
        assertThat(second.output).isEqualTo(first.output);
        List<String> made = Files.readAllLines(calls);
        assertThat(made).hasSize(3);
        assertThat(made.get(0)).startsWith("mvn ").contains("-DskipTests", "process-classes", "--no-transfer-progress");
        assertThat(made.get(1)).isEqualTo("java -cp target/classes:/lib/cdk.jar io.incidentpipeline.app.IncidentPipelineApp");
        assertThat(made.get(2)).isEqualTo(made.get(1));
    }

    @Test
    void shouldBuildAgain_whenAHandlerSourceOrAPomChangesOrASourceIsDeleted() throws Exception {
        cdkApp();
        touch("lambda-src/src/main/java/Handler.java");
        cdkApp();
        touch("pom.xml");
        cdkApp();
        Files.delete(project.resolve("src/main/java/App.java"));
        touch("src/main/java");   // a deletion moves the directory's time on; made explicit for coarse clocks
        cdkApp();

        assertThat(Files.readAllLines(calls)).filteredOn(call -> call.startsWith("mvn ")).hasSize(4);
    }

    @Test
    void shouldPrintTheCompilerErrorAndNotRunTheApp_whenTheBuildFails() throws Exception {
        Files.writeString(project.resolve("fail-build"), "");

        Run run = cdkApp();

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.output).isEqualTo("[ERROR] Handler.java:[1,7] cannot find symbol\n"
                + "Build failed: the app was not run. Full build log: target/cdk-app-build.log\n");
        assertThat(Files.readAllLines(calls)).noneMatch(call -> call.startsWith("java "));
        // The next run builds again rather than trusting a failed build.
        Files.delete(project.resolve("fail-build"));
        assertThat(cdkApp().exitCode).isZero();
        assertThat(Files.readAllLines(calls)).filteredOn(call -> call.startsWith("mvn ")).hasSize(2);
    }

    private record Run(int exitCode, String output) {
    }

    private Run cdkApp() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(project.resolve("bin/cdk-app").toString())
                .directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", project.resolve("stubs") + ":/usr/bin:/bin");
        builder.environment().remove("CDK_APP_MAVEN_ARGS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private void write(String file, String content) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(path.getParent(), FileTime.from(Instant.now().minusSeconds(3600)));
    }

    /** A change one second after anything the script has seen, so coarse file times still order it. */
    private void touch(String file) throws IOException {
        Files.setLastModifiedTime(project.resolve(file), FileTime.from(Instant.now().plusSeconds(1)));
    }

    private void stub(String name, String body) throws IOException {
        Path script = project.resolve("stubs").resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
