package io.incidentpipeline;

import io.incidentpipeline.cost.CostGuardrails;
import io.incidentpipeline.cost.CostGuardrailsProps;
import io.incidentpipeline.failover.RegionalEndpoint;
import io.incidentpipeline.failover.RegionalEndpointProps;
import io.incidentpipeline.escalation.EscalationPolicy;
import io.incidentpipeline.escalation.EscalationPolicyProps;
import io.incidentpipeline.ingest.AlertIngestApi;
import io.incidentpipeline.ingest.AlertIngestApiProps;
import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.ingest.AwsEventIngest;
import io.incidentpipeline.ingest.AwsEventIngestProps;
import io.incidentpipeline.ingest.SigningSecret;
import io.incidentpipeline.ingest.TopicAlertIngest;
import io.incidentpipeline.ingest.TopicAlertIngestProps;
import io.incidentpipeline.monitoring.PipelineMonitoring;
import io.incidentpipeline.monitoring.PipelineMonitoringProps;
import io.incidentpipeline.notify.NotificationTopic;
import io.incidentpipeline.notify.NotificationTopicProps;
import io.incidentpipeline.notify.SeverityNotifications;
import io.incidentpipeline.notify.SeverityNotificationsProps;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.notify.WebhookNotification;
import io.incidentpipeline.notify.WebhookNotificationProps;
import io.incidentpipeline.operator.CursorSecret;
import io.incidentpipeline.operator.IncidentOperatorApi;
import io.incidentpipeline.operator.IncidentOperatorApiProps;
import io.incidentpipeline.playbooks.DriftDetection;
import io.incidentpipeline.playbooks.DriftDetectionProps;
import io.incidentpipeline.playbooks.ExamplePlaybook;
import io.incidentpipeline.playbooks.ExamplePlaybookProps;
import io.incidentpipeline.playbooks.Playbook;
import io.incidentpipeline.playbooks.PlaybookProps;
import io.incidentpipeline.playbooks.Remediation;
import io.incidentpipeline.playbooks.RemediationPlaybook;
import io.incidentpipeline.playbooks.RemediationPlaybookProps;
import io.incidentpipeline.routing.DueWorkSweeper;
import io.incidentpipeline.routing.DueWorkSweeperProps;
import io.incidentpipeline.routing.IIncidentBus;
import io.incidentpipeline.routing.IncidentBus;
import io.incidentpipeline.routing.IncidentBusProps;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentPublisher;
import io.incidentpipeline.routing.IncidentPublisherProps;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.routing.IncidentRuleProps;
import io.incidentpipeline.routing.IncidentSchemas;
import io.incidentpipeline.silences.PlannedSilences;
import io.incidentpipeline.silences.PlannedSilencesProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awscdk.AspectOptions;
import software.amazon.awscdk.AspectPriority;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A complete regional incident pipeline: alerts in through the {@link AlertIngestApi}, incidents in
 * the {@link IncidentStore}, changes published by the {@link IncidentPublisher} to the
 * {@link IncidentBus}, and {@link SeverityNotifications} notify people by severity. Add your own
 * remediations with {@link #addPlaybook}. Through {@link IncidentPipelineProps} it carries everything
 * the project's app deploys (the app is a reading of {@code cdk.json} into these props): AWS event
 * intake, built-in remediations, drift detection, cost guardrails, a health-checked DNS endpoint and
 * monitoring; bring your own table or bus, or configure the ones it creates.
 *
 * <pre>{@code
 * IncidentPipeline pipeline = new IncidentPipeline(this, "Incidents", IncidentPipelineProps.builder()
 *         .notifyEmails(List.of("oncall@example.com"))
 *         .build());
 * }</pre>
 *
 * <h2>Logical ids</h2>
 * The table ({@code Store}), the signing and cursor secrets ({@code Secret-<source>},
 * {@code CursorSecret}), the topic key ({@code TopicKey}) and the stage-level parts (cost
 * guardrails and cost-alert intake, AWS event intake, chat webhook, remediations, drift
 * detection, endpoint, monitoring) get the logical ids they would have as the pipeline's siblings:
 * the ids the app has deployed since before they moved into this construct, the same whatever the
 * pipeline's own id. So one scope holds at most one pipeline; two pipelines of one stack need a
 * scope each ({@code new Construct(stack, "TeamA")}). The bus, its archive and the functions carry
 * the pipeline's id ({@code <id>Bus…}). README, "Logical ids", has the migration from releases
 * that named the table {@code <id>Store…}.
 *
 * <p>Not final: extend it to add your own defaults; the parts are reachable through the getters.
 */
public class IncidentPipeline extends Construct {
    /** Children whose resources are named as the pipeline's siblings (see "Logical ids" above). */
    private static final Set<String> SIBLING_NAMED = Set.of("Store", "CursorSecret", "TopicKey", "CostGuardrails",
            "CostAlertIngest", "AwsEventIngest", "ChatWebhook", "DriftDetection", "Endpoint", "OpsAlarms", "Monitoring");
    /** Children whose ids releases up to 0.1.0 derived from the pipeline's path ({@code legacyLogicalIds}). */
    private static final Set<String> LEGACY_NAMED = Set.of("Store", "CursorSecret", "TopicKey");
    private static final String SECRET_PREFIX = "Secret-";
    private static final String REMEDIATION_PREFIX = "Playbook-";

    private final IIncidentStore store;
    private final IIncidentBus bus;
    private final IncidentPublisher publisher;
    private final IncidentSchemas schemas;
    private final AlertIngestApi ingest;
    private final IncidentOperatorApi operatorApi;
    private final SeverityNotifications notifications;
    private final ExamplePlaybook playbook;
    private final IncidentRule urgentRule;
    private final DueWorkSweeper sweeper;
    private final AwsEventIngest awsEvents;
    private final List<RemediationPlaybook> remediations = new ArrayList<>();
    private final DriftDetection driftDetection;
    private final PlannedSilences plannedSilences;
    private final WebhookNotification webhook;
    private final CostGuardrails costGuardrails;
    private final TopicAlertIngest costAlerts;
    private final RegionalEndpoint endpoint;
    private final PipelineMonitoring monitoring;

    /**
     * Creates the pipeline with every default of {@link IncidentPipelineProps}.
     *
     * @param scope the parent construct; it may hold no other IncidentPipeline
     * @param id the construct id
     */
    public IncidentPipeline(Construct scope, String id) {
        this(scope, id, IncidentPipelineProps.builder().build());
    }

    /**
     * Creates the pipeline.
     *
     * @param scope the parent construct; it may hold no other IncidentPipeline
     * @param id the construct id
     * @param props the pipeline's properties
     * @throws IllegalArgumentException when props is null or the scope already holds a pipeline
     */
    public IncidentPipeline(Construct scope, String id, IncidentPipelineProps props) {
        super(scope, checkScope(scope, id, props));
        boolean legacy = props.isLegacyLogicalIds();
        Aspects.of(this).add(new SiblingLogicalIds(this, child -> siblingNamed(child)
                        && !(legacy && (LEGACY_NAMED.contains(child) || child.startsWith(SECRET_PREFIX)))),
                AspectOptions.builder().priority(AspectPriority.MUTATING).build());
        RemovalPolicy removal = props.isDisposable() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        RetentionDays logs = props.getLogRetention();
        String stage = props.getStageName();
        List<String> replicaRegions = props.getStoreProps() == null ? List.of() : props.getStoreProps().getReplicaRegions();

        store = props.getStore() != null ? props.getStore() : new IncidentStore(this, "Store", storeProps(props, removal));
        if (props.getBus() != null) {
            bus = props.getBus();
        } else {
            bus = new IncidentBus(this, "Bus", IncidentBusProps.builder()
                    .archiveRetention(props.getArchiveRetention())
                    .build());
        }
        IEventBus eventBus = bus.getEventBus();
        schemas = new IncidentSchemas(this, "Schemas");
        publisher = new IncidentPublisher(this, "Publisher", IncidentPublisherProps.builder()
                .store(store).bus(eventBus).logRetention(logs).logRemovalPolicy(removal).build());
        // Every stage sweeps: escalation levels fall due in a single region too.
        sweeper = new DueWorkSweeper(this, "Sweeper", DueWorkSweeperProps.builder()
                .store(store)
                .bus(eventBus)
                .announcementTakeover(props.isTakeover())
                .takeoverAfter(props.getTakeoverAfter())
                .logRetention(logs)
                .logRemovalPolicy(removal)
                .build());
        // The bus denies events with the pipeline's source to every role it was not told of.
        bus.grantPutEvents(publisher.getFunction().getFunction());
        bus.grantPutEvents(sweeper.getFunction().getFunction());

        AlertIngestApiProps.Builder ingestProps = AlertIngestApiProps.builder()
                .store(store)
                .bus(eventBus)
                .sources(props.getAlertSources())
                .throttlingRateLimit(props.getThrottlingRateLimit())
                .throttlingBurstLimit(props.getThrottlingBurstLimit())
                .logRetention(logs)
                .removalPolicy(removal);
        if (props.getIngestMemorySize() != null) {
            ingestProps.memorySize(props.getIngestMemorySize());
        }
        if (props.isApiFirewall()) {
            // One address may post half of what the intake sustains: it cannot crowd out every other sender.
            ingestProps.firewall(props.getThrottlingRateLimit() * 300 / 2);
        }
        for (AlertSource source : props.getAlertSources()) {
            ISecret given = props.getSourceSecrets().get(source);
            if (given == null) {
                SigningSecret created = new SigningSecret(this, SECRET_PREFIX + source.getId(), source,
                        stage == null ? null : "incident-pipeline/" + stage + "/" + source.getId(), replicaRegions, removal);
                if (legacy) {
                    keepLegacyId(created, "Ingest", SECRET_PREFIX + source.getId());
                }
                given = created.getSecret();
            }
            ingestProps.sourceSecret(source, given);
        }
        ingest = new AlertIngestApi(this, "Ingest", ingestProps.build());
        operatorApi = !props.isOperatorApi() ? null : new IncidentOperatorApi(this, "OperatorApi",
                IncidentOperatorApiProps.builder()
                        .api(ingest.getApi())
                        .store(store)
                        .cursorSecret(props.getCursorSecret() != null ? props.getCursorSecret()
                                : cursorSecret(stage, replicaRegions, removal, legacy))
                        .logRetention(logs)
                        .removalPolicy(removal)
                        .build());

        TopicEncryption topicEncryption = props.getTopicEncryption().isOwnKey()
                ? TopicEncryption.key(topicKey(stage, props.isDisposable()))
                : props.getTopicEncryption();
        SeverityNotificationsProps.Builder notificationProps = SeverityNotificationsProps.builder()
                .bus(eventBus)
                .encryption(topicEncryption);
        if (props.getUrgentTopic() != null) {
            notificationProps.urgentTopic(props.getUrgentTopic());
        } else {
            notificationProps.urgentEmails(props.getNotifyEmails());
        }
        if (props.getRoutineTopic() != null) {
            notificationProps.routineTopic(props.getRoutineTopic());
        }
        notifications = new SeverityNotifications(this, "Notifications", notificationProps.build());
        if (props.isExamplePlaybook()) {
            playbook = new ExamplePlaybook(this, "ExamplePlaybook", ExamplePlaybookProps.builder()
                    .store(store).logRetention(logs).logRemovalPolicy(removal).build());
            urgentRule = new IncidentRule(this, "UrgentOpened", IncidentRuleProps.builder()
                    .bus(eventBus)
                    .pattern(IncidentPattern.builder()
                            .detailTypes(DetailType.OPENED)
                            .severities(Severity.CRITICAL, Severity.HIGH)
                            .silencedIncidents(IncidentPattern.SilencedIncidents.WHEN_PLAYBOOKS_RUN)
                            .build())
                    .description("Newly opened critical and high incidents: the example playbook")
                    .build())
                    .addPlaybook(playbook.getFunction());
        } else {
            playbook = null;
            urgentRule = null;
        }

        if (props.getBudgetMonthlyUsd() != null) {
            costGuardrails = new CostGuardrails(this, "CostGuardrails", CostGuardrailsProps.builder()
                    .stage(stage)
                    .monthlyLimitUsd(props.getBudgetMonthlyUsd())
                    .emails(props.getNotifyEmails())
                    .topicEncryption(topicEncryption)
                    .build());
        } else {
            costGuardrails = null;
        }
        costAlerts = costGuardrails == null && props.getCostAlertTopic() == null ? null : costAlertIntake(props, removal);
        awsEvents = props.getAwsSources().isEmpty() ? null : new AwsEventIngest(this, "AwsEventIngest",
                AwsEventIngestProps.builder()
                        .store(store)
                        .sources(props.getAwsSources())
                        .logRetention(logs)
                        .logRemovalPolicy(removal)
                        .build());
        webhook = props.getChatWebhookUrl() == null ? null : new WebhookNotification(this, "ChatWebhook",
                WebhookNotificationProps.builder()
                        .bus(eventBus)
                        .url(props.getChatWebhookUrl())
                        .secretName(props.getChatWebhookSecretName())
                        .build());
        for (Remediation remediation : props.getRemediations()) {
            RemediationPlaybookProps.Builder remediationProps = RemediationPlaybookProps.builder()
                    .remediation(remediation)
                    .bus(eventBus)
                    .store(store)
                    .dryRun(props.isRemediationDryRun())
                    .logRetention(logs)
                    .logRemovalPolicy(removal);
            if (remediation == Remediation.REVOKE_OPEN_INGRESS) {
                remediationProps.publicPorts(props.getRemediationPublicPorts());
            }
            remediations.add(new RemediationPlaybook(this, REMEDIATION_PREFIX + remediation.getId(),
                    remediationProps.build()));
        }
        driftDetection = !props.isDriftDetection() ? null : new DriftDetection(this, "DriftDetection",
                DriftDetectionProps.builder()
                        .store(store)
                        .logRetention(logs)
                        .logRemovalPolicy(removal)
                        .build());
        // Only the props' own table: a brought store is written by the stack that owns it (the props refuse both).
        plannedSilences = props.getPlannedSilences().isEmpty() ? null : new PlannedSilences(this, "PlannedSilences",
                PlannedSilencesProps.builder().store(store).silences(props.getPlannedSilences()).build());
        endpoint = props.getZone() == null ? null : new RegionalEndpoint(this, "Endpoint", RegionalEndpointProps.builder()
                .api(ingest.getApi())
                .zone(props.getZone())
                .domainName(props.getDomainName())
                .routing(props.getRouting())
                .primary(props.isPrimaryRegion())
                .build());
        monitoring = props.isMonitoring() ? monitor(props, topicEncryption) : null;
    }

    /** The operator API's cursor key, in this pipeline (where releases up to 0.1.0 had it in the operator API). */
    private ISecret cursorSecret(String stage, List<String> replicaRegions, RemovalPolicy removal, boolean legacy) {
        CursorSecret created = new CursorSecret(this, "CursorSecret",
                stage == null ? null : "incident-pipeline/" + stage + "/operator-cursor-key", replicaRegions, removal);
        if (legacy) {
            keepLegacyId(created, "OperatorApi", "CursorSecret");
        }
        return created.getSecret();
    }

    /**
     * Gives a secret the logical id releases up to 0.1.0 gave it, when it lived under another part
     * ({@code <pipeline>/<part>/<id>}).
     */
    private void keepLegacyId(Construct secret, String part, String id) {
        Stack stack = Stack.of(this);
        String below = getNode().getPath().substring(stack.getNode().getPath().length()).replaceFirst("^/", "");
        List<String> path = new ArrayList<>(List.of(below.split("/")));
        path.addAll(List.of(part, id, "Resource", "Resource"));
        ((CfnElement) secret.getNode().findChild("Resource").getNode().getDefaultChild())
                .overrideLogicalId(SiblingLogicalIds.uniqueId(path));
    }

    /** One scope, one pipeline: the sibling-named resources of two would collide (see "Logical ids"). */
    private static String checkScope(Construct scope, String id, IncidentPipelineProps props) {
        if (props == null) {
            throw new IllegalArgumentException("IncidentPipeline '" + id + "': props must not be null; use"
                    + " IncidentPipelineProps.builder().build() for every default");
        }
        for (IConstruct child : scope.getNode().getChildren()) {
            if (child instanceof IncidentPipeline) {
                throw new IllegalArgumentException("IncidentPipeline '" + id + "': " + scope.getNode().getPath()
                        + " already holds IncidentPipeline '" + child.getNode().getId() + "'. A pipeline names its table,"
                        + " secrets and keys as its scope's children, so two in one scope would collide: give each its"
                        + " own scope (new Construct(stack, \"TeamA\")) or stack.");
            }
        }
        return id;
    }

    /** The store's properties: the given ones, or a table named after the stage, retained unless disposable. */
    private static IncidentStoreProps storeProps(IncidentPipelineProps props, RemovalPolicy removal) {
        if (props.getStoreProps() != null) {
            return props.getStoreProps();
        }
        IncidentStoreProps.Builder builder = IncidentStoreProps.builder().removalPolicy(removal);
        if (props.getStageName() != null) {
            builder.tableName(tableName(props.getStageName()));
        }
        return builder.build();
    }

    /**
     * @param stageName the stage's name
     * @return the name of a stage's table, {@code incident-pipeline-<stage>-incidents}: deterministic, so
     *         other regions' stacks and other apps find it by name
     */
    public static String tableName(String stageName) {
        return "incident-pipeline-" + stageName + "-incidents";
    }

    /** The topics' rotating key; a disposable pipeline's goes with it (after KMS's 7-day minimum waiting period). */
    private Key topicKey(String stage, boolean disposable) {
        Key.Builder key = Key.Builder.create(this, "TopicKey")
                .description(stage == null ? "Incident notification topics" : "Incident Pipeline " + stage + " SNS topics")
                .enableKeyRotation(true);
        if (disposable) {
            key.removalPolicy(RemovalPolicy.DESTROY).pendingWindow(Duration.days(7));
        }
        return key.build();
    }

    /** Budget and anomaly alerts become incidents: from this pipeline's cost topic, or a given one. */
    private TopicAlertIngest costAlertIntake(IncidentPipelineProps props, RemovalPolicy removal) {
        TopicAlertIngest intake = new TopicAlertIngest(this, "CostAlertIngest", TopicAlertIngestProps.builder()
                .store(store)
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(removal)
                .build());
        if (costGuardrails != null) {
            intake.subscribe(costGuardrails.getAlertTopic(), costGuardrails.getSubscriptionDeadLetterQueue());
        } else {
            intake.subscribe(props.getCostAlertTopic(), props.getCostAlertDeadLetterQueue());
        }
        return intake;
    }

    /** Alarms on every function, dead-letter queue and hop of this region, to an ops topic, and a dashboard. */
    private PipelineMonitoring monitor(IncidentPipelineProps props, TopicEncryption topicEncryption) {
        String region = Stack.of(this).getRegion();
        String stage = props.getStageName();
        NotificationTopic ops = new NotificationTopic(this, "OpsAlarms", NotificationTopicProps.builder()
                .displayName("Incident Pipeline alarms (" + (stage == null ? "" : stage + ", ") + region + ")")
                .emails(props.getNotifyEmails())
                .encryption(topicEncryption)
                .publishingServices(List.of("cloudwatch.amazonaws.com"))
                .build());
        PipelineMonitoring watch = new PipelineMonitoring(this, "Monitoring", PipelineMonitoringProps.builder()
                .alarmTopic(ops.getTopic())
                .dashboardName("incident-pipeline-" + (stage == null ? Names.uniqueId(this) : stage) + "-" + region)
                .build());
        watch.watchFunction("Ingest", ingest.getFunction())
                .watchFunction("Health", ingest.getHealthFunction());
        if (operatorApi != null) {
            watch.watchFunction("OperatorApi", operatorApi.getFunction());
        }
        // The response metrics the publisher and the sweeper record, for this pipeline's table.
        watch.watchIncidents(store.getTable().getTableName());
        watch.watchFunction("Publisher", publisher.getFunction());
        if (playbook != null) {
            watch.watchFunction("Playbook", playbook.getHandler());
        }
        watch.watchDeadLetterQueue("PublisherFailures", publisher.getDeadLetterQueue());
        if (urgentRule != null) {
            watch.watchDeadLetterQueue("UrgentRuleFailures", urgentRule.getDeadLetterQueue());
        }
        watch.watchDeadLetterQueue("UrgentNotificationFailures", notifications.getRules().get(0).getDeadLetterQueue())
                .watchDeadLetterQueue("RoutineNotificationFailures", notifications.getRules().get(1).getDeadLetterQueue())
                .watchDeadLetterQueue("PlaybookFailedNotificationFailures",
                        notifications.getRules().get(2).getDeadLetterQueue());
        if (playbook != null) {
            watch.watchDeadLetterQueue("PlaybookFailures", playbook.getFailureQueue());
        }
        watch.watchMetric("PublisherIteratorAge", publisher.metricIteratorAge(), 60_000,
                "Incidents reach the bus more than a minute late: the publisher is failing or throttled.");
        if (urgentRule != null) {
            watch.watchMetric("RuleFailedInvocations", urgentRule.metricFailedInvocations(), 0,
                    "EventBridge gave up delivering to a target: the events are in the rule's dead-letter queue.");
        }
        watch.watchMetric("ApiServerErrors", ingest.metricServerErrors(), 0,
                        "The alert API answered 5xx: senders retry, but check the ingest function and the table.")
                .watchMetric("ApiLatency", ingest.metricLatency().with(MetricOptions.builder()
                        .statistic("p99").build()), 3000, "The alert API's p99 latency is above 3 s.")
                .watchMetric("TableThrottles", store.metricThrottledRequests(), 0,
                        "DynamoDB throttled the incident table's requests.");
        watch.watchMetric("StaleSigningKeys", ingest.metricStaleSigningKeys(), 0,
                "Secrets Manager could not be read: the ingest function authenticates alerts with the signing keys it"
                        + " last read, for up to 6 hours, then answers 503. Check Secrets Manager in this region.");
        for (AlertSource source : props.getAlertSources()) {
            watch.watchMetric("AuthenticationFailures-" + source.getId(),
                    ingest.metricAuthenticationFailures(source), 0,
                    "Alerts of source '" + source.getId() + "' were refused with 401: a sender with a wrong or old"
                            + " key loses its alerts. Compare its key with the source's secret (README, Rotating a"
                            + " signing key); the ingest function logs each refusal ('request rejected', status 401).");
        }
        notifications.getUrgent().flatMap(NotificationTopic::getEmailDeadLetterQueue)
                .ifPresent(queue -> watch.watchDeadLetterQueue("NotificationEmailFailures", queue));
        ops.getEmailDeadLetterQueue().ifPresent(queue -> watch.watchDeadLetterQueue("AlarmEmailFailures", queue));
        if (costGuardrails != null) {
            watch.watchDeadLetterQueue("CostAlertDeliveryFailures", costGuardrails.getSubscriptionDeadLetterQueue());
        }
        if (sweeper != null) {
            watch.watchFunction("DueWorkSweeper", sweeper.getFunction())
                    .watchDeadLetterQueue("DueWorkSweeperFailures", sweeper.getFailureQueue())
                    .watchMetric("AnnouncementsTakenOver", sweeper.metricTakeovers(), 0, "This region announced incident"
                            + " changes another region had not announced in time: that region's publisher is down, failing"
                            + " or far behind. Check its PublisherIteratorAge and errors; nothing was lost.");
        }
        if (awsEvents != null) {
            watch.watchFunction("AwsEventIngest", awsEvents.getFunction())
                    .watchDeadLetterQueue("AwsEventFailures", awsEvents.getFailureQueue());
        }
        if (webhook != null) {
            watch.watchDeadLetterQueue("ChatWebhookFailures", webhook.getDeadLetterQueue());
        }
        for (RemediationPlaybook remediation : remediations) {
            String name = remediation.getNode().getId().replace(REMEDIATION_PREFIX, "");
            watch.watchFunction(name, remediation.getFunction())
                    .watchDeadLetterQueue(name + "-RuleFailures", remediation.getPlaybook().getRule().getDeadLetterQueue())
                    .watchDeadLetterQueue(name + "-Failures", remediation.getPlaybook().getFailureQueue());
        }
        if (driftDetection != null) {
            watch.watchFunction("DriftDetection", driftDetection.getFunction())
                    .watchDeadLetterQueue("DriftDetectionFailures", driftDetection.getFailureQueue());
        }
        if (costAlerts != null) {
            watch.watchFunction("CostAlertIngest", costAlerts.getFunction())
                    .watchDeadLetterQueue("CostAlertFailures", costAlerts.getFailureQueue());
        }
        for (String other : props.getPeerRegions()) {
            watch.watchMetric("ReplicationLatencyTo" + other.replace("-", ""),
                    store.getTable().metric("ReplicationLatency", MetricOptions.builder()
                            .dimensionsMap(Map.of("TableName", store.getTable().getTableName(), "ReceivingRegion", other))
                            .statistic("Average").build()),
                    60_000, "Writes in " + region + " take over a minute to reach " + other + ".");
        }
        return watch;
    }

    /** @return whether a child's resources are named as the pipeline's siblings (see "Logical ids") */
    private static boolean siblingNamed(String childId) {
        return SIBLING_NAMED.contains(childId) || childId.startsWith(SECRET_PREFIX) || childId.startsWith(REMEDIATION_PREFIX);
    }

    /**
     * Runs a playbook on the incidents {@code props.getPattern()} matches, with retries, a
     * dead-letter queue, an on-failure destination and only the permissions it declares.
     *
     * <pre>{@code
     * pipeline.addPlaybook("RestartCheckout", PlaybookProps.builder()
     *         .pattern(IncidentPattern.builder().detailTypes(DetailType.OPENED)
     *                 .services("checkout").severities(Severity.CRITICAL).build())
     *         .handler(restartFunction)
     *         .permission(PolicyStatement.Builder.create()
     *                 .actions(List.of("ecs:UpdateService")).resources(List.of(checkoutServiceArn)).build())
     *         .build());
     * }</pre>
     *
     * @param id the playbook's construct id
     * @param props what it runs on, and its permissions
     * @return the playbook
     */
    public Playbook addPlaybook(String id, PlaybookProps props) {
        return new Playbook(this, id, bus.getEventBus(), store, props);
    }

    /**
     * Escalates the incidents {@code props} matches while nobody acknowledges them, level by level
     * (README, "Escalation"). Policies are tried in the order they were added: the first that
     * matches an incident escalates it.
     *
     * <pre>{@code
     * pipeline.addEscalationPolicy("Critical", EscalationPolicyProps.builder()
     *         .name("critical")
     *         .match(IncidentPattern.builder().severities(Severity.CRITICAL).build())
     *         .levels(EscalationLevel.after(Duration.minutes(5),
     *                         EscalationTarget.topic("urgent", pipeline.getNotifications().getUrgentTopic())),
     *                 EscalationLevel.after(Duration.minutes(15), EscalationTarget.topic("managers", managers)))
     *         .repeatEvery(Duration.minutes(30))
     *         .build());
     * }</pre>
     *
     * @param id    the policy's construct id, also naming the alarm on its dead-letter queue (with monitoring)
     * @param props the policy's name, the incidents it takes and its levels
     * @return the policy: its rules per level and dead-letter queue
     * @throws IllegalArgumentException when a policy of this pipeline already has the name, or the
     *                                  policies outgrow the functions' environment
     */
    public EscalationPolicy addEscalationPolicy(String id, EscalationPolicyProps props) {
        EscalationPolicy policy = new EscalationPolicy(this, id, bus.getEventBus(), publisher, sweeper, props);
        if (monitoring != null) {
            monitoring.watchDeadLetterQueue(id + "-Failures", policy.getDeadLetterQueue());
        }
        return policy;
    }

    /** @return the operator API ({@code /incidents} on the ingest API), unless {@code operatorApi(false)} */
    public Optional<IncidentOperatorApi> getOperatorApi() {
        return Optional.ofNullable(operatorApi);
    }

    /** @return the incident store: the pipeline's own {@link IncidentStore}, or the one given */
    public IIncidentStore getStore() {
        return store;
    }

    /** @return the incident bus: the pipeline's own {@link IncidentBus}, or the one given */
    public IIncidentBus getBus() {
        return bus;
    }

    /** @return the registry with the incident event schema */
    public IncidentSchemas getSchemas() {
        return schemas;
    }

    /** @return the stream-to-bus publisher */
    public IncidentPublisher getPublisher() {
        return publisher;
    }

    /**
     * @return the sweeper of due work: it fires escalation levels and, with {@code takeover}, takes over
     *         other regions' unannounced changes; every pipeline has one
     */
    public DueWorkSweeper getSweeper() {
        return sweeper;
    }

    /** @return the alert intake API */
    public AlertIngestApi getIngest() {
        return ingest;
    }

    /** @return the notification topics by severity */
    public SeverityNotifications getNotifications() {
        return notifications;
    }

    /** @return the example playbook, if {@code examplePlaybook} is on */
    public Optional<ExamplePlaybook> getPlaybook() {
        return Optional.ofNullable(playbook);
    }

    /** @return the rule routing newly opened critical and high incidents to the example playbook, if it is on */
    public Optional<IncidentRule> getUrgentRule() {
        return Optional.ofNullable(urgentRule);
    }

    /** @return the intake of AWS service events, if {@code awsSources} names any */
    public Optional<AwsEventIngest> getAwsEventIngest() {
        return Optional.ofNullable(awsEvents);
    }

    /** @return the built-in remediations ({@code remediations}), in the order given */
    public List<RemediationPlaybook> getRemediations() {
        return List.copyOf(remediations);
    }

    /** @return the drift detection, if {@code driftDetection} is on */
    public Optional<DriftDetection> getDriftDetection() {
        return Optional.ofNullable(driftDetection);
    }

    /** @return the deploy-time writer of the maintenance windows, if {@code plannedSilences} lists any */
    public Optional<PlannedSilences> getPlannedSilences() {
        return Optional.ofNullable(plannedSilences);
    }

    /** @return the chat webhook, if {@code chatWebhook} is set */
    public Optional<WebhookNotification> getChatWebhook() {
        return Optional.ofNullable(webhook);
    }

    /** @return the budget and anomaly alerts, if {@code budgetMonthlyUsd} is set */
    public Optional<CostGuardrails> getCostGuardrails() {
        return Optional.ofNullable(costGuardrails);
    }

    /** @return the intake of cost alerts, with a budget or a cost-alert topic */
    public Optional<TopicAlertIngest> getCostAlertIngest() {
        return Optional.ofNullable(costAlerts);
    }

    /** @return the DNS endpoint and health check, if a domain is set */
    public Optional<RegionalEndpoint> getEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** @return the alarms and dashboard, if {@code monitoring} is on */
    public Optional<PipelineMonitoring> getMonitoring() {
        return Optional.ofNullable(monitoring);
    }
}
