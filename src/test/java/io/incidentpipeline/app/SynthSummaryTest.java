package io.incidentpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.cost.estimate.CostEstimator;
import io.incidentpipeline.cost.estimate.CostReport;
import io.incidentpipeline.cost.estimate.StackTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a clean synth prints ({@link IncidentPipelineApp#summary}): the stacks, the reports, and advice only where it applies. */
class SynthSummaryTest {
    private static CostReport report(String... stacks) {
        return new CostReport("x", CostEstimator.withDefaults().estimateTemplates(List.of(stacks).stream()
                .map(stack -> StackTemplate.parse("""
                        {"Resources": {"Secret": {"Type": "AWS::SecretsManager::Secret"}}}""", stack)).toList()));
    }

    @Test
    void shouldPrintTheStackAndTheReports_andNoDomainAdviceForASandbox() {
        List<String> lines = IncidentPipelineApp.summary(PipelineConfig.from(Map.of("stage", "dev-alice")),
                Path.of("cdk.out").toAbsolutePath(), report("IncidentPipeline-dev-alice-us-east-1"));

        assertThat(lines).containsExactly("Synthesized IncidentPipeline-dev-alice-us-east-1 into cdk.out",
                "Reports: cdk.out/validation-report.json (cdk-nag and template checks), cdk.out/cost-estimate.md"
                        + " ($0.40 a month idle, $0.00 per million alerts)");
    }

    @Test
    void shouldSayWhatAProductionStageWithoutADomainAnswersOn() {
        List<String> lines = IncidentPipelineApp.summary(
                PipelineConfig.from(Map.of("stage", "prod", "regions", "us-east-1,eu-west-1")), Path.of("/tmp/out"),
                report("IncidentPipeline-prod-us-east-1", "IncidentPipeline-prod-eu-west-1"));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(
                "Synthesized IncidentPipeline-prod-us-east-1, IncidentPipeline-prod-eu-west-1 into /tmp/out");
        assertThat(lines.get(2)).startsWith("No domainName: each region answers on its own API URL (outputs AlertUrl*).")
                .contains("set domainName, hostedZoneId and hostedZoneName");
    }
}
