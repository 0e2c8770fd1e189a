package io.incidentpipeline.app;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.cost.CostGuardrails;
import io.incidentpipeline.cost.CostGuardrailsProps;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.ingest.AlertSource;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/** One region's copy of the pipeline, named {@code IncidentPipeline-<stage>-<region>}. */
public final class IncidentPipelineStack extends Stack {
    private final IncidentPipeline pipeline;
    private final CostGuardrails costGuardrails;

    public IncidentPipelineStack(Construct scope, PipelineConfig config, String region) {
        super(scope, nameFor(config, region), StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null)).region(region).build())
                .description("Incident Pipeline, stage " + config.getStage() + ", region " + region)
                .terminationProtection(config.getStage().isProduction())
                .build());
        TopicEncryption topicEncryption = topicEncryption(config);
        IncidentPipelineProps.Builder props = IncidentPipelineProps.builder()
                .disposable(config.getStage().isSandbox())
                .alertSources(config.getAlertSources())
                .notifyEmails(config.getNotifyEmails())
                .topicEncryption(topicEncryption)
                .apiFirewall(config.isApiFirewall());
        config.getAlertSecretNames().forEach((source, name) ->
                props.sourceSecret(source, Secret.fromSecretNameV2(this, "Secret-" + source.getId(), name)));
        pipeline = new IncidentPipeline(this, "Pipeline", props.build());
        if (region.equals(config.getPrimaryRegion()) && region.equals(CostGuardrails.HOME_REGION)) {
            costGuardrails = new CostGuardrails(this, "CostGuardrails", costGuardrailsProps(config, topicEncryption));
        } else {
            costGuardrails = null;
        }

        for (AlertSource source : config.getAlertSources()) {
            CfnOutput.Builder.create(this, "AlertUrl" + source.name())
                    .description("POST alerts of source '" + source.getId() + "' here")
                    .value(pipeline.getIngest().urlFor(source))
                    .build();
            CfnOutput.Builder.create(this, "SigningSecret" + source.name())
                    .description("Secrets Manager ARN of the '" + source.getId() + "' signing key (the value stays there)")
                    .value(pipeline.getIngest().getSourceSecrets().get(source).getSecretArn())
                    .build();
        }
        CfnOutput.Builder.create(this, "IncidentTable").value(pipeline.getStore().getTable().getTableName()).build();
        CfnOutput.Builder.create(this, "IncidentBusName").value(pipeline.getBus().getEventBus().getEventBusName()).build();
    }

    /**
     * Sandboxes leave their topics without server-side encryption (TLS still enforced): a
     * customer-managed key costs $1 a month, more than a sandbox's whole idle budget. Other stages
     * share one rotating key between all their topics.
     */
    private TopicEncryption topicEncryption(PipelineConfig config) {
        if (config.getStage().isSandbox()) {
            return TopicEncryption.none("Sandbox stage " + config.getStage() + ": its topics carry test incidents and"
                    + " budget alerts only, over TLS; a customer-managed key ($1/month) would exceed the sandbox's"
                    + " idle-cost target. Staging and prod encrypt with a rotating customer-managed key.");
        }
        return TopicEncryption.key(Key.Builder.create(this, "TopicKey")
                .description("Incident Pipeline " + config.getStage() + " SNS topics")
                .enableKeyRotation(true)
                .build());
    }

    /** The stage's budget and anomaly alerts; used in the stack of the primary region, if that is us-east-1. */
    static CostGuardrailsProps costGuardrailsProps(PipelineConfig config, TopicEncryption topicEncryption) {
        return CostGuardrailsProps.builder()
                .stage(config.getStage().getName())
                .stageTagKey(IncidentPipelineApp.TAG_STAGE)
                .monthlyLimitUsd(config.getBudgetMonthlyUsd())
                .emails(config.getNotifyEmails())
                .topicEncryption(topicEncryption)
                .build();
    }

    /** @return the stage's cost guardrails, if this stack holds them */
    public java.util.Optional<CostGuardrails> getCostGuardrails() {
        return java.util.Optional.ofNullable(costGuardrails);
    }

    /** @return {@code IncidentPipeline-<stage>-<region>} */
    public static String nameFor(PipelineConfig config, String region) {
        return "IncidentPipeline-" + config.getStage() + "-" + region;
    }

    /** @return the pipeline in this stack */
    public IncidentPipeline getPipeline() {
        return pipeline;
    }
}
