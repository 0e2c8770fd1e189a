package io.incidentpipeline.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;

/** The gate itself: an insecure resource fails synth unless exactly that finding is acknowledged. */
class GuardrailsTest {

    /** A queue that is encrypted and TLS-only but has no DLQ: exactly two findings, SQS3 and SQSRedrivePolicy. */
    private static Queue queueWithoutDlq(Stack stack, String id) {
        return Queue.Builder.create(stack, id).encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true).build();
    }

    private static String synthReport(Consumer<Stack> build) throws IOException {
        Path outdir = Files.createTempDirectory(Path.of("target"), "guardrails-");
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        build.accept(new Stack(app, "Test"));
        Guardrails.applyTo(app);
        Throwable failure = catchThrowable(app::synth);
        Path report = outdir.resolve("validation-report.json");
        String text = Files.exists(report) ? Files.readString(report) : "";
        return (failure == null ? "PASSED\n" : "FAILED " + failure.getMessage() + "\n") + text;
    }

    @Test
    void shouldFailSynth_whenAResourceBreaksARule() throws IOException {
        String result = synthReport(stack -> new Queue(stack, "Plain"));

        assertThat(result).startsWith("FAILED").contains("ValidationFailed")
                .contains("AwsSolutions-SQS4").contains("Test/Plain/Resource");
    }

    @Test
    void shouldPass_whenEveryFindingOfTheResourceIsAcknowledged() throws IOException {
        String result = synthReport(stack -> {
            Queue queue = queueWithoutDlq(stack, "Dlq");
            Guardrails.acknowledge(queue, "AwsSolutions-SQS3", "This queue is a dead-letter queue in this test.");
            Guardrails.acknowledge(queue, "Serverless-SQSRedrivePolicy", "This queue is a dead-letter queue in this test.");
        });

        assertThat(result).startsWith("PASSED");
    }

    @Test
    void shouldStillFailForAnotherResource_whenOnlyOneIsAcknowledged() throws IOException {
        String result = synthReport(stack -> {
            Queue acknowledged = queueWithoutDlq(stack, "Acknowledged");
            Guardrails.acknowledge(acknowledged, "AwsSolutions-SQS3", "A dead-letter queue in this test.");
            Guardrails.acknowledge(acknowledged, "Serverless-SQSRedrivePolicy", "A dead-letter queue in this test.");
            queueWithoutDlq(stack, "Other");
        });

        assertThat(result).startsWith("FAILED").contains("Test/Other/Resource");
        assertThat(result.substring(0, result.indexOf("suppressedViolations"))).doesNotContain("Test/Acknowledged/Resource");
    }

    @Test
    void shouldAcceptFindingsThatRenderPseudoParameters() throws IOException {
        String finding = "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]";
        String result = synthReport(stack -> {
            software.amazon.awscdk.services.iam.Role role = software.amazon.awscdk.services.iam.Role.Builder
                    .create(stack, "Role")
                    .assumedBy(new software.amazon.awscdk.services.iam.ServicePrincipal("lambda.amazonaws.com"))
                    .managedPolicies(java.util.List.of(software.amazon.awscdk.services.iam.ManagedPolicy
                            .fromAwsManagedPolicyName("ReadOnlyAccess")))
                    .build();
            Guardrails.acknowledge(role, finding, "Test of an acknowledgment whose id has several '::'.");
        });

        assertThat(result).startsWith("PASSED");
    }

    @Test
    void shouldListEveryFinding_whenAUsersAppFailsTheAssertion() throws IOException {
        App app = new App(AppProps.builder()
                .outdir(Files.createTempDirectory(Path.of("target"), "assertions-").toString()).build());
        new Queue(new Stack(app, "Users"), "Plain");
        Guardrails.applyTo(app); // applied by the app itself too: must not run the packs twice

        assertThatThrownBy(() -> GuardrailsAssertions.assertCompliant(app))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Guardrails.acknowledge(construct, finding, reason)")
                .hasMessageContaining("AwsSolutions-SQS4 (error) at Users/Plain/Resource")
                .hasMessageContaining("Serverless-SQSRedrivePolicy (error) at Users/Plain/Resource");
        assertThat(Guardrails.report(app).getFindings())
                .filteredOn(f -> f.startsWith("AwsSolutions-SQS4"))
                .hasSize(1);
    }

    @Test
    void shouldRefuseAnAcknowledgment_whenItHasNoReason() {
        App app = new App();
        Queue queue = new Queue(new Stack(app, "Test"), "Queue");

        assertThatThrownBy(() -> Guardrails.acknowledge(queue, "AwsSolutions-SQS3", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AwsSolutions-SQS3 needs a reason");
    }
}
