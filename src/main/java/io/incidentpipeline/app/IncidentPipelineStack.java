package io.incidentpipeline.app;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.config.EscalationPolicyConfig;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.cost.CostGuardrails;
import io.incidentpipeline.escalation.EscalationLevel;
import io.incidentpipeline.escalation.EscalationPolicy;
import io.incidentpipeline.escalation.EscalationPolicyProps;
import io.incidentpipeline.escalation.EscalationTarget;
import io.incidentpipeline.cost.CostGuardrailsProps;
import io.incidentpipeline.failover.HealthCheckIdParameter;
import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.ingest.SigningSecret;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.operator.CursorSecret;
import io.incidentpipeline.playbooks.Remediation;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One region's complete copy of the pipeline, named {@code IncidentPipeline-<stage>-<region>}: the
 * {@link PipelineConfig} read into one {@link IncidentPipeline}. The primary region's pipeline owns
 * the global table and the signing secrets (replicated to the other regions); the others use their
 * replicas by name, so no stack references another region.
 */
public final class IncidentPipelineStack extends Stack {
    private final IncidentPipeline pipeline;
    private final List<EscalationPolicy> escalationPolicies = new ArrayList<>();

    /**
     * Creates one region's stack of a stage.
     *
     * @param scope the app
     * @param config the stage's configuration
     * @param region the region of this stack, one of the configuration's regions
     */
    public IncidentPipelineStack(Construct scope, PipelineConfig config, String region) {
        super(scope, nameFor(config, region), StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null)).region(region).build())
                .description("Incident Pipeline, stage " + config.getStage() + ", region " + region)
                .terminationProtection(config.getStage().isProduction())
                .build());
        boolean primary = region.equals(config.getPrimaryRegion());
        String stage = config.getStage().getName();
        IncidentPipelineProps.Builder props = IncidentPipelineProps.builder()
                .disposable(config.getStage().isSandbox())
                .stageName(stage)
                .alertSources(config.getAlertSources())
                .notifyEmails(config.getNotifyEmails())
                .topicEncryption(topicEncryption(config))
                .apiFirewall(config.isApiFirewall())
                .examplePlaybook(true)
                .awsSources(config.getAwsSources())
                .remediations(config.getRemediations())
                .remediationDryRun(config.isPlaybookDryRun())
                .driftDetection(config.isDriftDetection())
                .monitoring(config.isMonitoring())
                .peerRegions(config.getRegions().stream().filter(other -> !other.equals(region)).toList());
        if (config.getRemediations().contains(Remediation.REVOKE_OPEN_INGRESS)) {
            props.remediationPublicPorts(config.getRemediationPublicPorts());
        }
        if (primary) {
            // The stack that owns the global table writes the windows; the table replicates them.
            props.plannedSilences(config.getPlannedSilences());
            props.storeProps(IncidentStoreProps.builder()
                    .tableName(tableName(config))
                    .replicaRegions(config.getSecondaryRegions())
                    .consistency(config.getConsistency())
                    .removalPolicy(config.getStage().isSandbox() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                    .build());
        } else {
            // The replicas of what the primary region's pipeline created, found by their deterministic names.
            props.store(IncidentStore.fromReplica(this, "Store", tableName(config)))
                    .cursorSecret(Secret.fromSecretNameV2(this, "CursorSecret",
                            "incident-pipeline/" + stage + "/operator-cursor-key"));
        }
        for (AlertSource source : config.getAlertSources()) {
            String name = config.getAlertSecretNames().get(source);
            if (name == null && !primary) {
                name = "incident-pipeline/" + stage + "/" + source.getId();
            }
            if (name != null) {
                props.sourceSecret(source, Secret.fromSecretNameV2(this, "Secret-" + source.getId(), name));
            }
        }
        if (config.isTakeover()) {
            props.takeover(true).takeoverAfter(config.getTakeoverAfter());
        }
        if (primary && region.equals(CostGuardrails.HOME_REGION)) {
            props.budgetMonthlyUsd(config.getBudgetMonthlyUsd());
        } else if (primary) {
            // Budget and anomaly alerts become incidents once per stage: from the us-east-1 cost stack's
            // topic, by its deterministic ARN.
            props.costAlertTopic(Topic.fromTopicArn(this, "CostAlertTopic", costStackArn("sns", CostGuardrails.alertTopicName(stage))),
                    Queue.fromQueueArn(this, "CostAlertDeadLetterQueue",
                            costStackArn("sqs", CostGuardrails.subscriptionDeadLetterQueueName(stage))));
        }
        config.getChatWebhook().ifPresent(hook -> props.chatWebhook(hook.getKey(), hook.getValue()));
        config.getDomain().ifPresent(domain -> props
                .domain(HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                        .hostedZoneId(domain.getHostedZoneId())
                        .zoneName(domain.getHostedZoneName())
                        .build()), domain.getDomainName())
                .routing(config.getRouting())
                .primaryRegion(primary));
        pipeline = new IncidentPipeline(this, "Pipeline", props.build());
        Map<String, EscalationTarget> escalationTargets = new HashMap<>();
        for (EscalationPolicyConfig policy : config.getEscalationPolicies()) {
            escalationPolicies.add(pipeline.addEscalationPolicy("Escalation-" + policy.name(),
                    escalationPolicyProps(policy, escalationTargets)));
        }
        pipeline.getEndpoint().filter(endpoint -> IncidentPipelineApp.alarmsOnHealthChecks(config)).ifPresent(endpoint ->
                new HealthCheckIdParameter(this, "HealthCheckIdForAlarms", endpoint.getHealthCheck(),
                        HealthCheckIdParameter.parameterName(stage, region)));
        outputs(config);
    }

    /** An {@code escalationPolicies} entry as construct props; {@code targets} holds each target made once. */
    private EscalationPolicyProps escalationPolicyProps(EscalationPolicyConfig policy, Map<String, EscalationTarget> targets) {
        IncidentPattern.Builder match = IncidentPattern.builder()
                .services(policy.services().toArray(String[]::new))
                .categories(policy.categories().toArray(String[]::new))
                .sources(policy.sources().toArray(String[]::new))
                .labelsPresent(policy.labelsPresent().toArray(String[]::new))
                .severities(policy.severities().stream().map(v -> Severity.valueOf(v.toUpperCase(java.util.Locale.ROOT)))
                        .toArray(Severity[]::new));
        EscalationPolicyProps.Builder props = EscalationPolicyProps.builder().name(policy.name()).match(match.build());
        for (EscalationPolicyConfig.Level level : policy.levels()) {
            props.levels(EscalationLevel.after(Duration.minutes(level.afterMinutes()), level.targets().stream()
                    .map(target -> targets.computeIfAbsent(target, this::escalationTarget))
                    .toArray(EscalationTarget[]::new)));
        }
        if (policy.repeatEveryMinutes() != null) {
            props.repeatEvery(Duration.minutes(policy.repeatEveryMinutes()));
        }
        return props.build();
    }

    /** @return the target an {@code escalationPolicies} level names (validated by the configuration) */
    private EscalationTarget escalationTarget(String target) {
        String id = "EscalationTarget-" + target.replaceAll("[^A-Za-z0-9-]", "-");
        if (target.equals("urgent") || target.equals("routine")) {
            return EscalationTarget.topic(target, target.equals("urgent") ? pipeline.getNotifications().getUrgentTopic()
                    : pipeline.getNotifications().getRoutineTopic());
        }
        if (target.equals("chat")) {
            return EscalationTarget.webhook(target, pipeline.getChatWebhook().orElseThrow());
        }
        if (target.startsWith("sns:")) {
            return EscalationTarget.topic(target, Topic.fromTopicArn(this, id, formatArn(ArnComponents.builder()
                    .service("sns").resource(target.substring(4)).arnFormat(ArnFormat.NO_RESOURCE_NAME).build())));
        }
        String name = target.substring(target.lastIndexOf(':') + 1);
        if (target.split(":")[2].equals("sns")) {
            return EscalationTarget.topic("sns:" + name, Topic.fromTopicArn(this, id, target));
        }
        return EscalationTarget.eventBus("bus:" + name.substring("event-bus/".length()),
                EventBus.fromEventBusArn(this, id, target));
    }

    /** @return the ARN of a resource of the us-east-1 cost stack, by its deterministic name */
    private String costStackArn(String service, String name) {
        return formatArn(ArnComponents.builder().service(service).region(CostGuardrails.HOME_REGION)
                .resource(name).arnFormat(ArnFormat.NO_RESOURCE_NAME).build());
    }

    private void outputs(PipelineConfig config) {
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
        pipeline.getEndpoint().ifPresent(endpoint -> CfnOutput.Builder.create(this, "RegionalHostname")
                .description("This region alone, bypassing the shared record: for failover drills")
                .value(endpoint.getRegionalHostname())
                .build());
        CfnOutput.Builder.create(this, "IncidentTable").value(pipeline.getStore().getTable().getTableName()).build();
        CfnOutput.Builder.create(this, "IncidentBusName").value(pipeline.getBus().getEventBus().getEventBusName()).build();
    }

    /**
     * @param config the stage's configuration
     * @return the global table's name: deterministic, so other regions' stacks find their replica without references
     */
    public static String tableName(PipelineConfig config) {
        return IncidentPipeline.tableName(config.getStage().getName());
    }

    /**
     * Sandboxes leave their topics without server-side encryption (TLS still enforced): a
     * customer-managed key costs $1 a month, more than a sandbox's whole idle budget. Other stages
     * share one rotating key, the pipeline's, between all their topics.
     */
    private TopicEncryption topicEncryption(PipelineConfig config) {
        if (config.getStage().isSandbox()) {
            return TopicEncryption.none("Sandbox stage " + config.getStage() + ": its topics carry test incidents and"
                    + " budget alerts only, over TLS; a customer-managed key ($1/month) would exceed the sandbox's"
                    + " idle-cost target. Staging and prod encrypt with a rotating customer-managed key.");
        }
        return TopicEncryption.ownKey();
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

    /**
     * The name of a stage's stack in a region.
     *
     * @param config the app's configuration, naming the stage
     * @param region the region
     * @return {@code IncidentPipeline-<stage>-<region>}
     */
    public static String nameFor(PipelineConfig config, String region) {
        return "IncidentPipeline-" + config.getStage() + "-" + region;
    }

    /** @return the escalation policies of this stack ({@code escalationPolicies}), in order */
    public List<EscalationPolicy> getEscalationPolicies() {
        return List.copyOf(escalationPolicies);
    }

    /** @return the pipeline in this stack */
    public IncidentPipeline getPipeline() {
        return pipeline;
    }
}
