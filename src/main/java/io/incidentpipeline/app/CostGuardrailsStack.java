package io.incidentpipeline.app;

import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.cost.CostGuardrails;
import io.incidentpipeline.notify.TopicEncryption;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The stage's {@link CostGuardrails} in a us-east-1 stack of their own, named
 * {@code IncidentPipeline-<stage>-costs}: used when the primary region is another region, since
 * budget and anomaly resources exist only in us-east-1.
 */
public final class CostGuardrailsStack extends Stack {
    private final CostGuardrails guardrails;

    /**
     * Creates the stage's cost guardrails in us-east-1.
     *
     * @param scope the app
     * @param config the stage's configuration
     */
    public CostGuardrailsStack(Construct scope, PipelineConfig config) {
        super(scope, "IncidentPipeline-" + config.getStage() + "-costs", StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null))
                        .region(CostGuardrails.HOME_REGION).build())
                .description("Incident Pipeline, stage " + config.getStage() + ": budget and cost anomaly alerts")
                .terminationProtection(config.getStage().isProduction())
                .build());
        TopicEncryption encryption = config.getStage().isSandbox()
                ? TopicEncryption.none("Sandbox stage " + config.getStage() + ": budget alerts only, over TLS; a"
                        + " customer-managed key ($1/month) would exceed the sandbox's idle-cost target.")
                : TopicEncryption.key(Key.Builder.create(this, "TopicKey")
                        .description("Incident Pipeline " + config.getStage() + " cost-alert topic")
                        .enableKeyRotation(true)
                        .build());
        guardrails = new CostGuardrails(this, "CostGuardrails",
                IncidentPipelineStack.costGuardrailsProps(config, encryption));
    }

    /** @return the stage's cost guardrails */
    public CostGuardrails getGuardrails() {
        return guardrails;
    }
}
