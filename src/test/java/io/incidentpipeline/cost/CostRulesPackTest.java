package io.incidentpipeline.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.guardrails.GuardrailsAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.dynamodb.CfnGlobalTable;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.route53.CfnHealthCheck;

/**
 * Each cost rule failing on a resource that breaks it and passing on one that does not. The
 * resources are L1s so each breaks exactly the rule under test; findings of the other packs on
 * them are filtered out.
 */
class CostRulesPackTest {

    private static List<String> costFindings(boolean sandbox, Consumer<Stack> build) throws IOException {
        App app = new App(AppProps.builder()
                .outdir(Files.createTempDirectory(Path.of("target"), "cost-rules-").toString()).build());
        build.accept(new Stack(app, "Test"));
        Guardrails.applyTo(app, CostRulesOptions.builder().sandbox(sandbox).build());
        return GuardrailsAssertions.check(app).getFindings().stream()
                .filter(finding -> finding.startsWith(CostRulesPack.PACK_NAME + "-"))
                .toList();
    }

    private static CfnLogGroup logGroup(Stack stack, String id, Integer retentionDays) {
        return CfnLogGroup.Builder.create(stack, id).retentionInDays(retentionDays).build();
    }

    private static void budget(Stack stack) {
        CfnBudget.Builder.create(stack, "Budget").budget(CfnBudget.BudgetDataProperty.builder()
                .budgetType("COST").timeUnit("MONTHLY")
                .budgetLimit(CfnBudget.SpendProperty.builder().amount(5).unit("USD").build())
                .build()).build();
    }

    private static void function(Stack stack, String id, int memoryMb) {
        CfnFunction.Builder.create(stack, id)
                .role("arn:aws:iam::123456789012:role/test")
                .code(CfnFunction.CodeProperty.builder().zipFile("def handler(e, c): pass").build())
                .runtime("python3.14").handler("index.handler").memorySize(memoryMb)
                .build();
    }

    private static void healthCheck(Stack stack, String id, String type, int interval) {
        CfnHealthCheck.Builder.create(stack, id).healthCheckConfig(CfnHealthCheck.HealthCheckConfigProperty.builder()
                .type(type).fullyQualifiedDomainName("api.example.com").resourcePath("/v1/health")
                .requestInterval(interval).searchString(type.endsWith("_STR_MATCH") ? "ok" : null)
                .build()).build();
    }

    @Test
    void shouldFlagOnlyTheLogGroupWithoutRetention() throws IOException {
        List<String> findings = costFindings(false, stack -> {
            logGroup(stack, "Forever", null);
            logGroup(stack, "Month", 30);
        });

        assertThat(findings).containsExactly("Cost-LogGroupRetention (error) at Test/Forever");
    }

    @Test
    void shouldFlagMemoryAboveTheCeiling_unlessAcknowledged() throws IOException {
        List<String> findings = costFindings(false, stack -> {
            function(stack, "Small", 1024);
            function(stack, "Large", 3008);
            function(stack, "Measured", 2048);
            Guardrails.acknowledge(stack.getNode().findChild("Measured"), "Cost-LambdaMemoryCeiling",
                    "Measured: 2048 MB runs 2.3x faster than 1024 MB, so it costs less per invocation.");
        });

        assertThat(findings).containsExactly("Cost-LambdaMemoryCeiling (error) at Test/Large");
    }

    @Test
    void shouldFlagProvisionedCapacityWithoutAutoScaling() throws IOException {
        List<String> findings = costFindings(false, stack -> {
            CfnGlobalTable.Builder.create(stack, "Fixed")
                    .billingMode("PROVISIONED")
                    .attributeDefinitions(List.of(CfnGlobalTable.AttributeDefinitionProperty.builder()
                            .attributeName("pk").attributeType("S").build()))
                    .keySchema(List.of(CfnGlobalTable.KeySchemaProperty.builder().attributeName("pk").keyType("HASH").build()))
                    .replicas(List.of(CfnGlobalTable.ReplicaSpecificationProperty.builder().region("us-east-1")
                            .readProvisionedThroughputSettings(CfnGlobalTable.ReadProvisionedThroughputSettingsProperty
                                    .builder().readCapacityUnits(100).build())
                            .build()))
                    .writeProvisionedThroughputSettings(CfnGlobalTable.WriteProvisionedThroughputSettingsProperty.builder()
                            .writeCapacityAutoScalingSettings(CfnGlobalTable.CapacityAutoScalingSettingsProperty.builder()
                                    .minCapacity(5).maxCapacity(100)
                                    .targetTrackingScalingPolicyConfiguration(CfnGlobalTable
                                            .TargetTrackingScalingPolicyConfigurationProperty.builder()
                                            .targetValue(70).build())
                                    .build())
                            .build())
                    .build();
            CfnGlobalTable.Builder.create(stack, "OnDemand")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(List.of(CfnGlobalTable.AttributeDefinitionProperty.builder()
                            .attributeName("pk").attributeType("S").build()))
                    .keySchema(List.of(CfnGlobalTable.KeySchemaProperty.builder().attributeName("pk").keyType("HASH").build()))
                    .replicas(List.of(CfnGlobalTable.ReplicaSpecificationProperty.builder().region("us-east-1").build()))
                    .build();
        });

        assertThat(findings).containsExactly("Cost-ProvisionedTableAutoscaling (error) at Test/Fixed");
    }

    @Test
    void shouldRequireABudget_whenTheStackIsASandbox() throws IOException {
        assertThat(costFindings(true, stack -> logGroup(stack, "Logs", 7)))
                .containsExactly("Cost-SandboxBudget (error) at Test/Logs");
        assertThat(costFindings(true, stack -> {
            logGroup(stack, "Logs", 7);
            budget(stack);
        })).isEmpty();
        assertThat(costFindings(false, stack -> logGroup(stack, "Logs", 7))).isEmpty();
    }

    @Test
    void shouldFlagBilledHealthCheckOptions_whenTheStackIsASandbox() throws IOException {
        Consumer<Stack> checks = stack -> {
            budget(stack);
            healthCheck(stack, "Plain", "HTTP", 30);
            healthCheck(stack, "Https", "HTTPS", 30);
            healthCheck(stack, "StringMatch", "HTTP_STR_MATCH", 30);
            healthCheck(stack, "Fast", "HTTP", 10);
        };

        assertThat(costFindings(true, checks)).containsExactlyInAnyOrder(
                "Cost-SandboxHealthCheckOptions (error) at Test/Https",
                "Cost-SandboxHealthCheckOptions (error) at Test/StringMatch",
                "Cost-SandboxHealthCheckOptions (error) at Test/Fast");
        assertThat(costFindings(false, checks)).isEmpty();
    }
}
