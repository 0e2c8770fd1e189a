package io.incidentpipeline.app;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.config.DomainConfig;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.cost.CostGuardrails;
import io.incidentpipeline.cost.CostGuardrailsProps;
import io.incidentpipeline.failover.HealthCheckIdParameter;
import io.incidentpipeline.failover.RegionalEndpoint;
import io.incidentpipeline.failover.RegionalEndpointProps;
import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.ingest.AwsEventIngest;
import io.incidentpipeline.ingest.AwsEventIngestProps;
import io.incidentpipeline.ingest.SigningSecret;
import io.incidentpipeline.ingest.TopicAlertIngest;
import io.incidentpipeline.ingest.TopicAlertIngestProps;
import io.incidentpipeline.monitoring.PipelineMonitoring;
import io.incidentpipeline.silences.PlannedSilences;
import io.incidentpipeline.silences.PlannedSilencesProps;
import io.incidentpipeline.monitoring.PipelineMonitoringProps;
import io.incidentpipeline.notify.NotificationTopic;
import io.incidentpipeline.notify.NotificationTopicProps;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.notify.WebhookNotification;
import io.incidentpipeline.notify.WebhookNotificationProps;
import io.incidentpipeline.operator.CursorSecret;
import io.incidentpipeline.playbooks.DriftDetection;
import io.incidentpipeline.playbooks.DriftDetectionProps;
import io.incidentpipeline.playbooks.Remediation;
import io.incidentpipeline.playbooks.RemediationPlaybook;
import io.incidentpipeline.playbooks.RemediationPlaybookProps;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One region's complete copy of the pipeline, named {@code IncidentPipeline-<stage>-<region>}. The
 * primary region's stack owns the global table and the signing secrets (replicated to the other
 * regions); the others use their replicas by name, so no stack references another region.
 */
public final class IncidentPipelineStack extends Stack {
    private final IncidentPipeline pipeline;
    private final CostGuardrails costGuardrails;
    private final RegionalEndpoint endpoint;
    private final WebhookNotification webhook;
    private final List<RemediationPlaybook> remediations = new ArrayList<>();
    private final DriftDetection driftDetection;

    public IncidentPipelineStack(Construct scope, PipelineConfig config, String region) {
        super(scope, nameFor(config, region), StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null)).region(region).build())
                .description("Incident Pipeline, stage " + config.getStage() + ", region " + region)
                .terminationProtection(config.getStage().isProduction())
                .build());
        boolean primary = region.equals(config.getPrimaryRegion());
        RemovalPolicy removal = config.getStage().isSandbox() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        TopicEncryption topicEncryption = topicEncryption(config);
        IncidentPipelineProps.Builder props = IncidentPipelineProps.builder()
                .disposable(config.getStage().isSandbox())
                .store(incidentStore(config, primary, removal))
                .alertSources(config.getAlertSources())
                .notifyEmails(config.getNotifyEmails())
                .topicEncryption(topicEncryption)
                .apiFirewall(config.isApiFirewall());
        for (AlertSource source : config.getAlertSources()) {
            props.sourceSecret(source, signingSecret(config, source, primary, removal));
        }
        props.cursorSecret(cursorSecret(config, primary, removal));
        if (config.isTakeover()) {
            props.takeover(true).takeoverAfter(config.getTakeoverAfter());
        }
        IncidentPipelineProps pipelineProps = props.build();
        pipeline = new IncidentPipeline(this, "Pipeline", pipelineProps);
        if (primary && !config.getPlannedSilences().isEmpty()) {
            // The stack that owns the global table writes the windows; the table replicates them.
            new PlannedSilences(this, "PlannedSilences", PlannedSilencesProps.builder()
                    .store(pipeline.getStore()).silences(config.getPlannedSilences()).build());
        }
        if (primary && region.equals(CostGuardrails.HOME_REGION)) {
            costGuardrails = new CostGuardrails(this, "CostGuardrails", costGuardrailsProps(config, topicEncryption));
        } else {
            costGuardrails = null;
        }
        TopicAlertIngest costAlerts = primary ? costAlertIntake(config, pipelineProps, removal) : null;
        AwsEventIngest awsEvents = config.getAwsSources().isEmpty() ? null : new AwsEventIngest(this, "AwsEventIngest",
                AwsEventIngestProps.builder()
                        .store(pipeline.getStore())
                        .sources(config.getAwsSources())
                        .logRetention(pipelineProps.getLogRetention())
                        .logRemovalPolicy(removal)
                        .build());
        webhook = config.getChatWebhook().map(hook -> new WebhookNotification(this, "ChatWebhook",
                WebhookNotificationProps.builder()
                        .bus(pipeline.getBus().getEventBus())
                        .url(hook.getKey())
                        .secretName(hook.getValue())
                        .build())).orElse(null);
        for (Remediation remediation : config.getRemediations()) {
            RemediationPlaybookProps.Builder remediationProps = RemediationPlaybookProps.builder()
                    .remediation(remediation)
                    .bus(pipeline.getBus().getEventBus())
                    .store(pipeline.getStore())
                    .dryRun(config.isPlaybookDryRun())
                    .logRetention(pipelineProps.getLogRetention())
                    .logRemovalPolicy(removal);
            if (remediation == Remediation.REVOKE_OPEN_INGRESS) {
                remediationProps.publicPorts(config.getRemediationPublicPorts());
            }
            remediations.add(new RemediationPlaybook(this, "Playbook-" + remediation.getId(), remediationProps.build()));
        }
        driftDetection = !config.isDriftDetection() ? null : new DriftDetection(this, "DriftDetection",
                DriftDetectionProps.builder()
                        .store(pipeline.getStore())
                        .logRetention(pipelineProps.getLogRetention())
                        .logRemovalPolicy(removal)
                        .build());
        endpoint = config.getDomain().map(domain -> regionalEndpoint(domain, config, primary)).orElse(null);
        if (endpoint != null && IncidentPipelineApp.alarmsOnHealthChecks(config)) {
            new HealthCheckIdParameter(this, "HealthCheckIdForAlarms", endpoint.getHealthCheck(),
                    HealthCheckIdParameter.parameterName(config.getStage().getName(), region));
        }
        if (config.isMonitoring()) {
            monitor(config, region, topicEncryption, costAlerts, awsEvents);
        }
        outputs(config);
    }

    /**
     * Budget and anomaly alerts become incidents, once per stage: in the primary region, from the
     * cost topic in this stack or, by its deterministic ARN, in the us-east-1 cost stack.
     */
    private TopicAlertIngest costAlertIntake(PipelineConfig config, IncidentPipelineProps pipelineProps,
            RemovalPolicy removal) {
        TopicAlertIngest intake = new TopicAlertIngest(this, "CostAlertIngest", TopicAlertIngestProps.builder()
                .store(pipeline.getStore())
                .logRetention(pipelineProps.getLogRetention())
                .logRemovalPolicy(removal)
                .build());
        if (costGuardrails != null) {
            intake.subscribe(costGuardrails.getAlertTopic(), costGuardrails.getSubscriptionDeadLetterQueue());
        } else {
            String stage = config.getStage().getName();
            intake.subscribe(Topic.fromTopicArn(this, "CostAlertTopic", costStackArn("sns", CostGuardrails.alertTopicName(stage))),
                    Queue.fromQueueArn(this, "CostAlertDeadLetterQueue",
                            costStackArn("sqs", CostGuardrails.subscriptionDeadLetterQueueName(stage))));
        }
        return intake;
    }

    /** @return the ARN of a resource of the us-east-1 cost stack, by its deterministic name */
    private String costStackArn(String service, String name) {
        return formatArn(ArnComponents.builder().service(service).region(CostGuardrails.HOME_REGION)
                .resource(name).arnFormat(ArnFormat.NO_RESOURCE_NAME).build());
    }

    private RegionalEndpoint regionalEndpoint(DomainConfig domain, PipelineConfig config, boolean primary) {
        return new RegionalEndpoint(this, "Endpoint", RegionalEndpointProps.builder()
                .api(pipeline.getIngest().getApi())
                .zone(HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                        .hostedZoneId(domain.getHostedZoneId())
                        .zoneName(domain.getHostedZoneName())
                        .build()))
                .domainName(domain.getDomainName())
                .routing(config.getRouting())
                .primary(primary)
                .build());
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
        if (endpoint != null) {
            CfnOutput.Builder.create(this, "RegionalHostname")
                    .description("This region alone, bypassing the shared record: for failover drills")
                    .value(endpoint.getRegionalHostname())
                    .build();
        }
        CfnOutput.Builder.create(this, "IncidentTable").value(pipeline.getStore().getTable().getTableName()).build();
        CfnOutput.Builder.create(this, "IncidentBusName").value(pipeline.getBus().getEventBus().getEventBusName()).build();
    }

    /** Alarms on every function, dead-letter queue and hop of this region, to an ops topic, and a dashboard. */
    private void monitor(PipelineConfig config, String region, TopicEncryption topicEncryption,
            TopicAlertIngest costAlerts, AwsEventIngest awsEvents) {
        NotificationTopic ops = new NotificationTopic(this, "OpsAlarms", NotificationTopicProps.builder()
                .displayName("Incident Pipeline alarms (" + config.getStage() + ", " + region + ")")
                .emails(config.getNotifyEmails())
                .encryption(topicEncryption)
                .publishingServices(List.of("cloudwatch.amazonaws.com"))
                .build());
        PipelineMonitoring monitoring = new PipelineMonitoring(this, "Monitoring", PipelineMonitoringProps.builder()
                .alarmTopic(ops.getTopic())
                .dashboardName("incident-pipeline-" + config.getStage() + "-" + region)
                .build());
        monitoring.watchFunction("Ingest", pipeline.getIngest().getFunction())
                .watchFunction("Health", pipeline.getIngest().getHealthFunction())
                .watchFunction("OperatorApi", pipeline.getOperatorApi().getFunction())
                .watchIncidents(pipeline.getStore().getTable().getTableName())
                .watchFunction("Publisher", pipeline.getPublisher().getFunction())
                .watchFunction("Playbook", pipeline.getPlaybook().getHandler())
                .watchDeadLetterQueue("PublisherFailures", pipeline.getPublisher().getDeadLetterQueue())
                .watchDeadLetterQueue("UrgentRuleFailures", pipeline.getUrgentRule().getDeadLetterQueue())
                .watchDeadLetterQueue("UrgentNotificationFailures",
                        pipeline.getNotifications().getRules().get(0).getDeadLetterQueue())
                .watchDeadLetterQueue("RoutineNotificationFailures",
                        pipeline.getNotifications().getRules().get(1).getDeadLetterQueue())
                .watchDeadLetterQueue("PlaybookFailedNotificationFailures",
                        pipeline.getNotifications().getRules().get(2).getDeadLetterQueue())
                .watchDeadLetterQueue("PlaybookFailures", pipeline.getPlaybook().getFailureQueue())
                .watchMetric("PublisherIteratorAge", pipeline.getPublisher().metricIteratorAge(), 60_000,
                        "Incidents reach the bus more than a minute late: the publisher is failing or throttled.")
                .watchMetric("RuleFailedInvocations", pipeline.getUrgentRule().metricFailedInvocations(), 0,
                        "EventBridge gave up delivering to a target: the events are in the rule's dead-letter queue.")
                .watchMetric("ApiServerErrors", pipeline.getIngest().metricServerErrors(), 0,
                        "The alert API answered 5xx: senders retry, but check the ingest function and the table.")
                .watchMetric("ApiLatency", pipeline.getIngest().metricLatency().with(MetricOptions.builder()
                        .statistic("p99").build()), 3000, "The alert API's p99 latency is above 3 s.")
                .watchMetric("TableThrottles", pipeline.getStore().metricThrottledRequests(), 0,
                        "DynamoDB throttled the incident table's requests.");
        monitoring.watchMetric("StaleSigningKeys", pipeline.getIngest().metricStaleSigningKeys(), 0,
                "Secrets Manager could not be read: the ingest function authenticates alerts with the signing keys it"
                        + " last read, for up to 6 hours, then answers 503. Check Secrets Manager in this region.");
        for (AlertSource source : config.getAlertSources()) {
            monitoring.watchMetric("AuthenticationFailures-" + source.getId(),
                    pipeline.getIngest().metricAuthenticationFailures(source), 0,
                    "Alerts of source '" + source.getId() + "' were refused with 401: a sender with a wrong or old"
                            + " key loses its alerts. Compare its key with the source's secret (README, Rotating a"
                            + " signing key); the ingest function logs each refusal ('request rejected', status 401).");
        }
        pipeline.getNotifications().getUrgent().getEmailDeadLetterQueue()
                .ifPresent(queue -> monitoring.watchDeadLetterQueue("NotificationEmailFailures", queue));
        ops.getEmailDeadLetterQueue().ifPresent(queue -> monitoring.watchDeadLetterQueue("AlarmEmailFailures", queue));
        if (costGuardrails != null) {
            monitoring.watchDeadLetterQueue("CostAlertDeliveryFailures", costGuardrails.getSubscriptionDeadLetterQueue());
        }
        pipeline.getSweeper().ifPresent(sweeper -> monitoring.watchFunction("DueWorkSweeper", sweeper.getFunction())
                .watchDeadLetterQueue("DueWorkSweeperFailures", sweeper.getFailureQueue())
                .watchMetric("AnnouncementsTakenOver", sweeper.metricTakeovers(), 0, "This region announced incident"
                        + " changes another region had not announced in time: that region's publisher is down, failing"
                        + " or far behind. Check its PublisherIteratorAge and errors; nothing was lost."));
        if (awsEvents != null) {
            monitoring.watchFunction("AwsEventIngest", awsEvents.getFunction())
                    .watchDeadLetterQueue("AwsEventFailures", awsEvents.getFailureQueue());
        }
        if (webhook != null) {
            monitoring.watchDeadLetterQueue("ChatWebhookFailures", webhook.getDeadLetterQueue());
        }
        for (RemediationPlaybook remediation : remediations) {
            String name = remediation.getNode().getId().replace("Playbook-", "");
            monitoring.watchFunction(name, remediation.getFunction())
                    .watchDeadLetterQueue(name + "-RuleFailures", remediation.getPlaybook().getRule().getDeadLetterQueue())
                    .watchDeadLetterQueue(name + "-Failures", remediation.getPlaybook().getFailureQueue());
        }
        if (driftDetection != null) {
            monitoring.watchFunction("DriftDetection", driftDetection.getFunction())
                    .watchDeadLetterQueue("DriftDetectionFailures", driftDetection.getFailureQueue());
        }
        if (costAlerts != null) {
            monitoring.watchFunction("CostAlertIngest", costAlerts.getFunction())
                    .watchDeadLetterQueue("CostAlertFailures", costAlerts.getFailureQueue());
        }
        for (String other : config.getRegions()) {
            if (!other.equals(region)) {
                monitoring.watchMetric("ReplicationLatencyTo" + other.replace("-", ""),
                        pipeline.getStore().getTable().metric("ReplicationLatency", MetricOptions.builder()
                                .dimensionsMap(Map.of("TableName", pipeline.getStore().getTable().getTableName(),
                                        "ReceivingRegion", other))
                                .statistic("Average").build()),
                        60_000, "Writes in " + region + " take over a minute to reach " + other + ".");
            }
        }
    }

    /** The global table's name: deterministic, so other regions' stacks find their replica without references. */
    public static String tableName(PipelineConfig config) {
        return "incident-pipeline-" + config.getStage() + "-incidents";
    }

    /** The primary region's stack owns the global table; every other region uses its replica. */
    private IncidentStore incidentStore(PipelineConfig config, boolean primary, RemovalPolicy removal) {
        if (!primary) {
            return IncidentStore.fromReplica(this, "Store", tableName(config));
        }
        return new IncidentStore(this, "Store", IncidentStoreProps.builder()
                .tableName(tableName(config))
                .replicaRegions(config.getSecondaryRegions())
                .consistency(config.getConsistency())
                .removalPolicy(removal)
                .build());
    }

    /**
     * One signing key per source for all regions: the configured secret, or one the primary
     * region's stack creates and replicates to the others, named so they can find it.
     */
    private ISecret signingSecret(PipelineConfig config, AlertSource source, boolean primary, RemovalPolicy removal) {
        String name = config.getAlertSecretNames().get(source);
        if (name != null) {
            return Secret.fromSecretNameV2(this, "Secret-" + source.getId(), name);
        }
        String generatedName = "incident-pipeline/" + config.getStage() + "/" + source.getId();
        if (!primary) {
            return Secret.fromSecretNameV2(this, "Secret-" + source.getId(), generatedName);
        }
        return new SigningSecret(this, "Secret-" + source.getId(), source, generatedName,
                config.getSecondaryRegions(), removal).getSecret();
    }

    /** One cursor key for all regions, created and replicated by the primary region's stack. */
    private ISecret cursorSecret(PipelineConfig config, boolean primary, RemovalPolicy removal) {
        String name = "incident-pipeline/" + config.getStage() + "/operator-cursor-key";
        if (!primary) {
            return Secret.fromSecretNameV2(this, "CursorSecret", name);
        }
        return new CursorSecret(this, "CursorSecret", name, config.getSecondaryRegions(), removal).getSecret();
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

    /** @return the region's DNS endpoint and health check, if a domain is configured */
    public java.util.Optional<RegionalEndpoint> getEndpoint() {
        return java.util.Optional.ofNullable(endpoint);
    }

    /** @return {@code IncidentPipeline-<stage>-<region>} */
    public static String nameFor(PipelineConfig config, String region) {
        return "IncidentPipeline-" + config.getStage() + "-" + region;
    }

    /** @return the built-in remediations this stack deploys ({@code playbooks}) */
    public List<RemediationPlaybook> getRemediations() {
        return List.copyOf(remediations);
    }

    /** @return the drift detection of this stack, if {@code playbooks} enables it */
    public java.util.Optional<DriftDetection> getDriftDetection() {
        return java.util.Optional.ofNullable(driftDetection);
    }

    /** @return the pipeline in this stack */
    public IncidentPipeline getPipeline() {
        return pipeline;
    }
}
