package io.incidentpipeline.app;

import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.failover.HealthCheckAlarms;
import io.incidentpipeline.failover.HealthCheckIdParameter;
import io.incidentpipeline.notify.TopicEncryption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.route53.IHealthCheck;
import software.constructs.Construct;

/**
 * The stage's alarms on its regions' Route 53 health checks, in a us-east-1 stack of their own named
 * {@code IncidentPipeline-<stage>-health-alarms}: Route 53 publishes health-check metrics in
 * us-east-1 only, and the checks belong to the regional stacks. Each regional stack writes its
 * check's id to an SSM parameter here ({@link HealthCheckIdParameter}), so this stack deploys after
 * every regional stack.
 */
public final class HealthCheckAlarmsStack extends Stack {
    private final HealthCheckAlarms alarms;

    /**
     * Creates the alarms on the stage's regional health checks, in us-east-1.
     *
     * @param scope the app
     * @param config the stage's configuration
     * @param regions the stage's regions, each of which writes its health check's id for these alarms
     */
    public HealthCheckAlarmsStack(Construct scope, PipelineConfig config, List<String> regions) {
        super(scope, "IncidentPipeline-" + config.getStage() + "-health-alarms", StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null))
                        .region(HealthCheckAlarms.METRICS_REGION).build())
                .description("Incident Pipeline, stage " + config.getStage() + ": alarms on the regions' health checks")
                .terminationProtection(config.getStage().isProduction())
                .build());
        // CloudWatch publishes to the alarm topic: it needs a key whose policy lets it (not SNS's AWS-managed key).
        TopicEncryption encryption = TopicEncryption.key(Key.Builder.create(this, "TopicKey")
                .description("Incident Pipeline " + config.getStage() + " health-check alarm topic")
                .enableKeyRotation(true)
                .build());
        Map<String, IHealthCheck> healthChecks = new LinkedHashMap<>();
        regions.forEach(region -> healthChecks.put(region, HealthCheckIdParameter.read(this, "HealthCheck-" + region,
                HealthCheckIdParameter.parameterName(config.getStage().getName(), region))));
        alarms = new HealthCheckAlarms(this, "HealthCheckAlarms", healthChecks, config.getNotifyEmails(), encryption);
    }

    /** @return the alarms */
    public HealthCheckAlarms getAlarms() {
        return alarms;
    }
}
