package io.incidentpipeline.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/**
 * Acknowledgments seen from a consumer's app: a payments team's stack beside the pipeline. The
 * pipeline's acknowledgments of granular findings ({@code AwsSolutions-IAM5[Resource::*]} on every
 * function's tracing policy, an {@code AwsSolutions-IAM4[Policy::…]} on API Gateway's role) must
 * not hide the same finding on the consumer's resources, in whatever form they are written.
 */
class AcknowledgmentScopeTest {
    private static final String WILDCARD = "AwsSolutions-IAM5[Resource::*]";
    private static final String LOGS_ROLE = "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
            + "service-role/AmazonAPIGatewayPushToCloudWatchLogs]";

    private static GuardrailsReport unacknowledged;

    /** The payments stack: a role with the API Gateway logging policy and a policy reading any object. */
    private static Policy payments(Stack stack) {
        Role role = Role.Builder.create(stack, "ReportsRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AmazonAPIGatewayPushToCloudWatchLogs")))
                .build();
        Policy policy = Policy.Builder.create(stack, "ReadEveryBucket")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("s3:GetObject")).resources(List.of("*")).build()))
                .build();
        policy.attachToRole(role);
        return policy;
    }

    private static GuardrailsReport consumerApp(BiConsumer<Stack, Policy> acknowledge) throws IOException {
        App app = new App(AppProps.builder()
                .outdir(Files.createTempDirectory(Path.of("target"), "consumer-").toString()).build());
        new IncidentPipeline(new Stack(app, "Incidents"), "Pipeline",
                IncidentPipelineProps.builder().disposable(true).build());
        Stack stack = new Stack(app, "Payments");
        acknowledge.accept(stack, payments(stack));
        return GuardrailsAssertions.check(app);
    }

    @BeforeAll
    static void synthesizeWithoutAcknowledgments() throws IOException {
        unacknowledged = consumerApp((stack, policy) -> { });
    }

    @Test
    void shouldReportTheConsumersFindings_whenOnlyThePipelineAcknowledgedTheSameFindings() {
        assertThat(unacknowledged.getFindings())
                .anySatisfy(f -> assertThat(f).startsWith(WILDCARD).contains("Payments/ReadEveryBucket/Resource"))
                .anySatisfy(f -> assertThat(f).startsWith(LOGS_ROLE).contains("Payments/ReportsRole/Resource"))
                .noneSatisfy(f -> assertThat(f).contains("Incidents/"));
        assertThat(unacknowledged.isCompliant()).isFalse();
        // The pipeline's own acknowledgments all suppress something, and none outside its constructs.
        assertThat(unacknowledged.getAcknowledgmentErrors()).isEmpty();
        assertThat(unacknowledged.getStaleAcknowledgments()).isEmpty();
    }

    @Test
    void shouldPass_whenTheConsumerAcknowledgesEachFindingOnItsOwnResources() throws IOException {
        GuardrailsReport report = consumerApp((stack, policy) -> {
            Guardrails.acknowledge(policy, WILDCARD, "The reports job reads the buckets a tenant names at run time.");
            Guardrails.acknowledge(stack.getNode().findChild("ReportsRole"), LOGS_ROLE,
                    "The reports job writes API Gateway execution logs for the tenant's API.");
        });

        assertThat(report.getFindings()).isEmpty();
        assertThat(report.isCompliant(StaleAcknowledgments.FAIL)).isTrue();
    }

    /** Every form of the id the library, its docs and the CDK CLI use covers only its own construct. */
    @ParameterizedTest
    @ValueSource(strings = {WILDCARD, "AwsSolutions::" + WILDCARD})
    void shouldCoverOnlyTheAcknowledgedConstruct_inEveryFormOfTheId(String form) throws IOException {
        GuardrailsReport report = consumerApp((stack, policy) -> {
            Stack other = new Stack((App) stack.getNode().getScope(), "Ledger");
            Policy acknowledged = Policy.Builder.create(other, "Acknowledged").statements(List.of(PolicyStatement.Builder
                    .create().actions(List.of("s3:GetObject")).resources(List.of("*")).build())).build();
            acknowledged.attachToRole(Role.Builder.create(other, "Role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build());
            Guardrails.acknowledge(acknowledged, form, "The ledger reads the buckets its tenants name.");
        });

        assertThat(report.getFindings())
                .anySatisfy(f -> assertThat(f).startsWith(WILDCARD).contains("Payments/ReadEveryBucket/Resource"))
                .noneSatisfy(f -> assertThat(f).contains("Ledger/Acknowledged"));
    }

    @Test
    void shouldFailTheGate_whenAStackIsAcknowledgedDirectly() throws IOException {
        GuardrailsReport report = consumerApp((stack, policy) -> Validations.of(stack).acknowledge(
                Acknowledgment.builder().id("AwsSolutions::" + WILDCARD).reason("Everything in payments is fine.").build()));

        assertThat(report.isCompliant()).isFalse();
        assertThat(report.getFindings())
                .anySatisfy(f -> assertThat(f).startsWith("AcknowledgmentOnStackOrApp (fatal) at Payments"));
        assertThat(report.getAcknowledgmentErrors())
                .anySatisfy(e -> assertThat(e).contains("is acknowledged on 'Payments', a stack"));
    }

    @Test
    void shouldRefuseToAcknowledgeAStackOrTheApp() {
        App app = new App();
        Stack stack = new Stack(app, "Payments");

        assertThatThrownBy(() -> Guardrails.acknowledge(stack, WILDCARD, "Everything in payments is fine."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing to acknowledge").hasMessageContaining("'Payments'");
        assertThatThrownBy(() -> Guardrails.acknowledge(app, WILDCARD, "Everything is fine."))
                .hasMessageContaining("'the app'");
    }

    @Test
    void shouldReportAStaleAcknowledgment_andFailOnlyWhenAsked() throws IOException {
        GuardrailsReport report = consumerApp((stack, policy) -> {
            Guardrails.acknowledge(policy, WILDCARD, "The reports job reads the buckets a tenant names at run time.");
            Guardrails.acknowledge(stack.getNode().findChild("ReportsRole"), LOGS_ROLE, "Writes API Gateway logs.");
            // A typo in the rule: the id names no finding, so it suppresses nothing.
            Guardrails.acknowledge(policy, "AwsSolutions-IAM6", "A mistyped acknowledgment.");
        });

        assertThat(report.getFindings()).isEmpty();
        assertThat(report.getStaleAcknowledgments()).singleElement().asString()
                .contains("AwsSolutions::AwsSolutions-IAM6 on Payments/ReadEveryBucket suppresses no finding");
        assertThat(report.isCompliant(StaleAcknowledgments.WARN)).isTrue();
        assertThat(report.isCompliant(StaleAcknowledgments.FAIL)).isFalse();
    }

    @Test
    void shouldRefuseAFindingIdOfNoKnownPlugin() {
        Stack stack = new Stack(new App(), "Payments");
        Policy policy = payments(stack);

        assertThatThrownBy(() -> Guardrails.acknowledge(policy, "AwsSolution-IAM5[Resource::*]", "Typo in the pack."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown finding id 'AwsSolution-IAM5[Resource::*]'")
                .hasMessageContaining("AwsSolutions-");
    }
}
