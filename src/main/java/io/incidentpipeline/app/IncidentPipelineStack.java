package io.incidentpipeline.app;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.ingest.AlertSource;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/** One region's copy of the pipeline, named {@code IncidentPipeline-<stage>-<region>}. */
public final class IncidentPipelineStack extends Stack {
    private final IncidentPipeline pipeline;

    public IncidentPipelineStack(Construct scope, PipelineConfig config, String region) {
        super(scope, nameFor(config, region), StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null)).region(region).build())
                .description("Incident Pipeline, stage " + config.getStage() + ", region " + region)
                .terminationProtection(config.getStage().isProduction())
                .build());
        IncidentPipelineProps.Builder props = IncidentPipelineProps.builder()
                .disposable(config.getStage().isSandbox())
                .alertSources(config.getAlertSources())
                .notifyEmails(config.getNotifyEmails());
        config.getAlertSecretNames().forEach((source, name) ->
                props.sourceSecret(source, Secret.fromSecretNameV2(this, "Secret-" + source.getId(), name)));
        pipeline = new IncidentPipeline(this, "Pipeline", props.build());

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

    /** @return {@code IncidentPipeline-<stage>-<region>} */
    public static String nameFor(PipelineConfig config, String region) {
        return "IncidentPipeline-" + config.getStage() + "-" + region;
    }

    /** @return the pipeline in this stack */
    public IncidentPipeline getPipeline() {
        return pipeline;
    }
}
