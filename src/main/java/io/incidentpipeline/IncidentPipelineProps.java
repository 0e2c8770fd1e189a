package io.incidentpipeline;

import io.incidentpipeline.failover.Routing;
import io.incidentpipeline.ingest.AlertIngestApiProps;
import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.ingest.AwsEventSource;
import io.incidentpipeline.notify.NotificationTopicProps;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.playbooks.Remediation;
import io.incidentpipeline.playbooks.RemediationPlaybookProps;
import io.incidentpipeline.routing.DueWorkSweeper;
import io.incidentpipeline.routing.DueWorkSweeperProps;
import io.incidentpipeline.routing.IIncidentBus;
import io.incidentpipeline.silences.PlannedSilence;
import io.incidentpipeline.silences.PlannedSilencesProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Properties of an {@link IncidentPipeline}. Every property is optional: the defaults give one
 * region's pipeline with a generic alert source, the operator API and encrypted notification
 * topics. Bring your own table ({@link #getStore()}) or bus ({@link #getBus()}), or configure the
 * ones the pipeline creates; turn on the capabilities the project's app deploys (AWS event intake,
 * remediations, drift detection, cost guardrails, a DNS endpoint, monitoring).
 *
 * <p>Every error names the property of this class that was set and how to fix it.
 */
public final class IncidentPipelineProps {
    private final boolean disposable;
    private final String stageName;
    private final List<AlertSource> alertSources;
    private final Map<AlertSource, ISecret> sourceSecrets;
    private final List<String> notifyEmails;
    private final RetentionDays logRetention;
    private final TopicEncryption topicEncryption;
    private final boolean apiFirewall;
    private final IIncidentStore store;
    private final IncidentStoreProps storeProps;
    private final IIncidentBus bus;
    private final Duration archiveRetention;
    private final ITopic urgentTopic;
    private final ITopic routineTopic;
    private final ISecret cursorSecret;
    private final boolean operatorApi;
    private final Boolean examplePlaybook;
    private final int throttlingRateLimit;
    private final int throttlingBurstLimit;
    private final Integer ingestMemorySize;
    private final boolean takeover;
    private final Duration takeoverAfter;
    private final List<AwsEventSource> awsSources;
    private final List<Remediation> remediations;
    private final boolean remediationDryRun;
    private final List<Integer> remediationPublicPorts;
    private final boolean driftDetection;
    private final List<PlannedSilence> plannedSilences;
    private final String chatWebhookUrl;
    private final String chatWebhookSecretName;
    private final BigDecimal budgetMonthlyUsd;
    private final ITopic costAlertTopic;
    private final IQueue costAlertDeadLetterQueue;
    private final IHostedZone zone;
    private final String domainName;
    private final Routing routing;
    private final boolean primaryRegion;
    private final boolean monitoring;
    private final List<String> peerRegions;
    private final boolean legacyLogicalIds;

    private IncidentPipelineProps(Builder b) {
        this.disposable = b.disposable;
        this.stageName = b.stageName;
        this.alertSources = List.copyOf(b.alertSources);
        this.sourceSecrets = Map.copyOf(b.sourceSecrets);
        this.notifyEmails = List.copyOf(b.notifyEmails);
        this.logRetention = b.logRetention;
        this.topicEncryption = b.topicEncryption;
        this.apiFirewall = b.apiFirewall;
        this.store = b.store;
        this.storeProps = b.storeProps;
        this.bus = b.bus;
        this.archiveRetention = b.archiveRetention;
        this.urgentTopic = b.urgentTopic;
        this.routineTopic = b.routineTopic;
        this.cursorSecret = b.cursorSecret;
        this.operatorApi = b.operatorApi;
        this.examplePlaybook = b.examplePlaybook;
        this.throttlingRateLimit = b.throttlingRateLimit;
        this.throttlingBurstLimit = b.throttlingBurstLimit;
        this.ingestMemorySize = b.ingestMemorySize;
        this.takeover = b.takeover;
        this.takeoverAfter = b.takeoverAfter == null ? Duration.seconds(60) : b.takeoverAfter;
        this.awsSources = List.copyOf(b.awsSources);
        this.remediations = List.copyOf(b.remediations);
        this.remediationDryRun = b.remediationDryRun;
        this.remediationPublicPorts = b.remediationPublicPorts;
        this.driftDetection = b.driftDetection;
        this.plannedSilences = List.copyOf(b.plannedSilences);
        this.chatWebhookUrl = b.chatWebhookUrl;
        this.chatWebhookSecretName = b.chatWebhookSecretName;
        this.budgetMonthlyUsd = b.budgetMonthlyUsd;
        this.costAlertTopic = b.costAlertTopic;
        this.costAlertDeadLetterQueue = b.costAlertDeadLetterQueue;
        this.zone = b.zone;
        this.domainName = b.domainName;
        this.routing = b.routing;
        this.primaryRegion = b.primaryRegion;
        this.monitoring = b.monitoring;
        this.peerRegions = b.peerRegions == null ? null : List.copyOf(b.peerRegions);
        this.legacyLogicalIds = b.legacyLogicalIds;
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return whether everything, data included, is deleted with the stack: for developer sandboxes}
     *
     * @default false - the table, logs and secrets are retained and the table is deletion-protected
     */
    public boolean isDisposable() {
        return disposable;
    }

    /**
     * {@return the name of the stage (such as {@code prod}) this pipeline is: it names the table
     * ({@code incident-pipeline-<stage>-incidents}), the secrets ({@code incident-pipeline/<stage>/…}),
     * the dashboard and the cost budget, so other stacks and regions can find them by name} Two
     * pipelines of one account and region need two stage names, or none.
     *
     * @default none - CloudFormation names every resource, so two pipelines never collide
     */
    public String getStageName() {
        return stageName;
    }

    /**
     * {@return alert sources accepted by the API}
     *
     * @default [AlertSource.GENERIC]
     */
    public List<AlertSource> getAlertSources() {
        return alertSources;
    }

    /**
     * {@return existing signing secrets per source}
     *
     * @default a secret is created for each source without one (named {@code incident-pipeline/<stage>/<source>}
     *          with a {@link #getStageName() stage name}, replicated to the table's replica regions)
     */
    public Map<AlertSource, ISecret> getSourceSecrets() {
        return sourceSecrets;
    }

    /**
     * {@return e-mail addresses subscribed to the urgent notification topic (and, with them, to the cost
     * alerts and the monitoring alarms)}
     *
     * @default none
     */
    public List<String> getNotifyEmails() {
        return notifyEmails;
    }

    /**
     * {@return how long every log group of the pipeline keeps its logs}
     *
     * @default one week when disposable, three months otherwise
     */
    public RetentionDays getLogRetention() {
        if (logRetention != null) {
            return logRetention;
        }
        return disposable ? RetentionDays.ONE_WEEK : RetentionDays.THREE_MONTHS;
    }

    /**
     * {@return how the notification topics (and the cost and alarm topics) are encrypted; bring your own
     * key with {@code TopicEncryption.key(key)}}
     *
     * @default TopicEncryption.ownKey() - one rotating customer-managed key for the pipeline's topics ($1 a month)
     */
    public TopicEncryption getTopicEncryption() {
        return topicEncryption;
    }

    /**
     * {@return whether a WAF web ACL protects the alert API, limiting each IP address to half the intake's
     * sustained rate (so a flood is stopped before it is billed as Lambda invocations)}
     *
     * @default false - the firewall costs about $11 a month idle
     */
    public boolean isApiFirewall() {
        return apiFirewall;
    }

    /**
     * {@return an existing incident store to use: one created in another stack, imported
     * ({@link IncidentStore#fromStoreAttributes}) or a global table's replica in this region
     * ({@link IncidentStore#fromReplica})} Its table must have the incident key design and stream.
     *
     * @default a new IncidentStore configured by {@link #getStoreProps()}
     */
    public IIncidentStore getStore() {
        return store;
    }

    /**
     * {@return how the pipeline's own table is configured (name, replica regions, consistency, key, removal);
     * not with {@link #getStore()}} The generated secrets are replicated to the same regions.
     *
     * @default a single-region table, named {@code incident-pipeline-<stage>-incidents} with a stage
     *          name, retained and deletion-protected unless disposable
     */
    public IncidentStoreProps getStoreProps() {
        return storeProps;
    }

    /**
     * {@return an existing incident bus to publish to, such as a platform stack's {@code IncidentBus}} The
     * pipeline's publisher must be allowed by the bus's policy: pass an {@code IncidentBus} of the
     * same app, whose policy lists the roles it grants.
     *
     * @default a new IncidentBus with an archive ({@link #getArchiveRetention()})
     */
    public IIncidentBus getBus() {
        return bus;
    }

    /**
     * An existing topic for critical and high incidents and failed playbooks, such as the platform
     * team's paging topic, instead of the one the pipeline creates. It must let EventBridge publish
     * and, if encrypted, its key must let EventBridge use it (CDK cannot add either to an imported
     * topic; README, "Its parts"). {@link #getNotifyEmails()} are then subscribed only to the
     * pipeline's alarm topic: subscribe people on your topic yourself.
     *
     * @return the topic, or null
     * @default a new topic, encrypted as {@link #getTopicEncryption()} says
     */
    public ITopic getUrgentTopic() {
        return urgentTopic;
    }

    /**
     * An existing topic for medium, low and info incidents instead of the one the pipeline creates;
     * the same conditions as {@link #getUrgentTopic()}.
     *
     * @return the topic, or null
     * @default a new topic, encrypted as {@link #getTopicEncryption()} says
     */
    public ITopic getRoutineTopic() {
        return routineTopic;
    }

    /**
     * {@return how long the new bus's archive keeps every incident event; not with {@link #getBus()}}
     *
     * @default 7 days when disposable, 365 days otherwise
     */
    public Duration getArchiveRetention() {
        return archiveRetention != null ? archiveRetention : Duration.days(disposable ? 7 : 365);
    }

    /**
     * {@return the key of the operator API's pagination cursors; every region of a stage must share it}
     *
     * @default a generated secret ({@code incident-pipeline/<stage>/operator-cursor-key} with a stage name)
     */
    public ISecret getCursorSecret() {
        return cursorSecret;
    }

    /**
     * {@return whether the operator API ({@code GET /incidents}, acknowledge, resolve) is deployed on the
     * alert API}
     *
     * @default true
     */
    public boolean isOperatorApi() {
        return operatorApi;
    }

    /**
     * {@return whether the example playbook runs on every newly opened critical and high incident} It acts
     * on nothing (it records a run), so it is for trying the pipeline out.
     *
     * @default true when disposable, false otherwise
     */
    public boolean isExamplePlaybook() {
        return examplePlaybook != null ? examplePlaybook : disposable;
    }

    /**
     * {@return steady-state requests per second the alert API accepts before answering 429}
     *
     * @default AlertIngestApiProps.DEFAULT_THROTTLING_RATE_LIMIT (50)
     */
    public int getThrottlingRateLimit() {
        return throttlingRateLimit;
    }

    /**
     * {@return requests the alert API accepts in a burst}
     *
     * @default 100
     */
    public int getThrottlingBurstLimit() {
        return throttlingBurstLimit;
    }

    /**
     * {@return memory of the alert intake function in MB (its CPU grows with it)}
     *
     * @default the AlertIngestApi default
     */
    public Integer getIngestMemorySize() {
        return ingestMemorySize;
    }

    /**
     * {@return whether this region's sweeper ({@link DueWorkSweeper}, deployed in every pipeline for the
     * escalation levels) also takes over changes another region has not announced in time: turn it on
     * in every region of a multi-region pipeline, so that losing a region loses no announcement} Costs
     * one more empty index query a minute (about $0.003 a month).
     *
     * @default false - a single region has no other region to take over from
     */
    public boolean isTakeover() {
        return takeover;
    }

    /**
     * {@return how long a change's own region has to announce it before another region does; only with
     * {@link #isTakeover()}}
     *
     * @default Duration.seconds(60)
     */
    public Duration getTakeoverAfter() {
        return takeoverAfter;
    }

    /**
     * {@return AWS services whose events become incidents through EventBridge ({@code AwsEventIngest})}
     *
     * @default none
     */
    public List<AwsEventSource> getAwsSources() {
        return awsSources;
    }

    /**
     * {@return built-in remediations to deploy ({@code RemediationPlaybook}), each on its verified findings}
     *
     * @default none
     */
    public List<Remediation> getRemediations() {
        return remediations;
    }

    /**
     * {@return whether the remediations only record what they would do}
     *
     * @default false
     */
    public boolean isRemediationDryRun() {
        return remediationDryRun;
    }

    /**
     * {@return ports {@link Remediation#REVOKE_OPEN_INGRESS} never closes}
     *
     * @default RemediationPlaybookProps.DEFAULT_PUBLIC_PORTS (80, 443)
     */
    public List<Integer> getRemediationPublicPorts() {
        return remediationPublicPorts == null ? RemediationPlaybookProps.DEFAULT_PUBLIC_PORTS : remediationPublicPorts;
    }

    /**
     * {@return whether CloudFormation drift of this account's stacks becomes incidents ({@code DriftDetection})}
     *
     * @default false
     */
    public boolean isDriftDetection() {
        return driftDetection;
    }

    /**
     * Maintenance windows declared with the deployment ({@code PlannedSilences}): the pipeline writes
     * them, whole, to its table at each deployment, so the table holds exactly these; the incidents
     * they cover open without paging anyone (README, "Silences"). Only a pipeline that creates its
     * table writes them (in a multi-region stage, the primary region's); the table replicates them.
     *
     * @return the windows, in the order given
     * @default none - a deployment removes the windows an earlier one wrote
     */
    public List<PlannedSilence> getPlannedSilences() {
        return plannedSilences;
    }

    /**
     * {@return a chat webhook that receives urgent incidents ({@code WebhookNotification})}
     *
     * @default none
     */
    public String getChatWebhookUrl() {
        return chatWebhookUrl;
    }

    /**
     * {@return the Secrets Manager secret holding the chat webhook's authorization header value}
     *
     * @default none
     */
    public String getChatWebhookSecretName() {
        return chatWebhookSecretName;
    }

    /**
     * {@return a monthly AWS Budget for the stage (resources tagged {@code Stage=<stage name>}) with anomaly
     * detection, whose alerts become incidents ({@code CostGuardrails}); needs a stage name and a
     * stack in us-east-1, where AWS Budgets publishes}
     *
     * @default none
     */
    public BigDecimal getBudgetMonthlyUsd() {
        return budgetMonthlyUsd;
    }

    /**
     * {@return a cost-alert topic of another stack (the us-east-1 stack of {@code CostGuardrails}) whose
     * alerts become incidents here; not with {@link #getBudgetMonthlyUsd()}, whose topic is used}
     *
     * @default none
     */
    public ITopic getCostAlertTopic() {
        return costAlertTopic;
    }

    /**
     * {@return the dead-letter queue, beside {@link #getCostAlertTopic()}, of its subscription}
     *
     * @default none - required with a cost-alert topic
     */
    public IQueue getCostAlertDeadLetterQueue() {
        return costAlertDeadLetterQueue;
    }

    /**
     * {@return the hosted zone of {@link #getDomainName()}}
     *
     * @default none - the alert API answers on its own URL
     */
    public IHostedZone getZone() {
        return zone;
    }

    /**
     * {@return a hostname for the alert API with a health-checked record ({@code RegionalEndpoint})}
     *
     * @default none
     */
    public String getDomainName() {
        return domainName;
    }

    /**
     * {@return how the hostname routes between regions}
     *
     * @default Routing.LATENCY
     */
    public Routing getRouting() {
        return routing;
    }

    /**
     * {@return whether this is the primary region of its stage: its record is the PRIMARY one under failover routing}
     *
     * @default true
     */
    public boolean isPrimaryRegion() {
        return primaryRegion;
    }

    /**
     * {@return whether alarms on every function, queue and hop go to an alarm topic (with the notify e-mails), with a dashboard}
     *
     * @default false
     */
    public boolean isMonitoring() {
        return monitoring;
    }

    /**
     * {@return the other regions of a multi-region stage: monitoring alarms on the table's replication latency to each}
     *
     * @default the replica regions of {@link #getStoreProps()}
     */
    public List<String> getPeerRegions() {
        if (peerRegions != null) {
            return peerRegions;
        }
        return storeProps == null ? List.of() : storeProps.getReplicaRegions();
    }

    /**
     * {@return whether the table, the secrets and the topic key keep the logical ids that releases up to 0.1.0
     * gave them ({@code <id>Store…}, {@code <id>IngestSecret<source>…}, {@code <id>OperatorApiCursorSecret…},
     * {@code <id>TopicKey…}): set it when upgrading a pipeline deployed with one of those releases,
     * or CloudFormation replaces the table and leaves the incidents in an orphan} See README, "Logical ids".
     *
     * @default false - the ids the app deploys, the same wherever the pipeline sits ({@code StoreC1F82936}, …)
     */
    public boolean isLegacyLogicalIds() {
        return legacyLogicalIds;
    }

    /** Builder for {@link IncidentPipelineProps}. */
    public static final class Builder {
        private boolean disposable;
        private String stageName;
        private List<AlertSource> alertSources = List.of(AlertSource.GENERIC);
        private final Map<AlertSource, ISecret> sourceSecrets = new EnumMap<>(AlertSource.class);
        private List<String> notifyEmails = List.of();
        private RetentionDays logRetention;
        private TopicEncryption topicEncryption = TopicEncryption.ownKey();
        private boolean apiFirewall;
        private IIncidentStore store;
        private IncidentStoreProps storeProps;
        private IIncidentBus bus;
        private Duration archiveRetention;
        private ITopic urgentTopic;
        private ITopic routineTopic;
        private ISecret cursorSecret;
        private boolean operatorApi = true;
        private Boolean examplePlaybook;
        private int throttlingRateLimit = AlertIngestApiProps.DEFAULT_THROTTLING_RATE_LIMIT;
        private int throttlingBurstLimit = 2 * AlertIngestApiProps.DEFAULT_THROTTLING_RATE_LIMIT;
        private Integer ingestMemorySize;
        private boolean takeover;
        private Duration takeoverAfter;
        private List<AwsEventSource> awsSources = List.of();
        private List<Remediation> remediations = List.of();
        private boolean remediationDryRun;
        private List<Integer> remediationPublicPorts;
        private boolean driftDetection;
        private List<PlannedSilence> plannedSilences = List.of();
        private String chatWebhookUrl;
        private String chatWebhookSecretName;
        private BigDecimal budgetMonthlyUsd;
        private ITopic costAlertTopic;
        private IQueue costAlertDeadLetterQueue;
        private IHostedZone zone;
        private String domainName;
        private Routing routing = Routing.LATENCY;
        private boolean primaryRegion = true;
        private boolean monitoring;
        private List<String> peerRegions;
        private boolean legacyLogicalIds;

        private Builder() {
        }

        private static <T> T required(T value, String prop, String fix) {
            if (value == null) {
                throw new IllegalArgumentException("IncidentPipelineProps." + prop + " must not be null: " + fix);
            }
            return value;
        }

        private static <T> List<T> list(List<T> value, String prop, String fix) {
            required(value, prop, fix);
            if (value.stream().anyMatch(java.util.Objects::isNull) || new HashSet<>(value).size() != value.size()) {
                throw new IllegalArgumentException("IncidentPipelineProps." + prop + " holds a null or a repeated"
                        + " element: " + value + ". " + fix);
            }
            return value;
        }

        /**
         * @param disposable see {@link IncidentPipelineProps#isDisposable()}
         * @return this builder
         */
        public Builder disposable(boolean disposable) {
            this.disposable = disposable;
            return this;
        }

        /**
         * @param stageName see {@link IncidentPipelineProps#getStageName()}
         * @return this builder
         */
        public Builder stageName(String stageName) {
            if (stageName == null || !stageName.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalArgumentException("IncidentPipelineProps.stageName must be 1 to 32 lower-case letters,"
                        + " digits or dashes, starting with a letter (it names resources), got '" + stageName + "'");
            }
            this.stageName = stageName;
            return this;
        }

        /**
         * @param alertSources see {@link IncidentPipelineProps#getAlertSources()}
         * @return this builder
         */
        public Builder alertSources(List<AlertSource> alertSources) {
            String fix = "list the sources to accept, e.g. List.of(AlertSource.GENERIC); supported: "
                    + AlertSource.supportedIds();
            list(alertSources, "alertSources", fix);
            if (alertSources.isEmpty()) {
                throw new IllegalArgumentException("IncidentPipelineProps.alertSources must name at least one source: "
                        + fix);
            }
            this.alertSources = alertSources;
            return this;
        }

        /**
         * @param source the source the secret signs for
         * @param secret its signing secret
         * @return this builder
         * @see IncidentPipelineProps#getSourceSecrets()
         */
        public Builder sourceSecret(AlertSource source, ISecret secret) {
            required(source, "sourceSecret(source, …)", "name the AlertSource the secret signs for");
            required(secret, "sourceSecret(" + source.getId() + ", secret)",
                    "pass the secret (e.g. Secret.fromSecretNameV2), or leave the call out for a generated one");
            sourceSecrets.put(source, secret);
            return this;
        }

        /**
         * @param notifyEmails see {@link IncidentPipelineProps#getNotifyEmails()}
         * @return this builder
         */
        public Builder notifyEmails(List<String> notifyEmails) {
            list(notifyEmails, "notifyEmails", "pass e-mail addresses such as oncall@example.com, or List.of() for none");
            for (String email : notifyEmails) {
                if (!NotificationTopicProps.isEmailAddress(email)) {
                    throw new IllegalArgumentException("IncidentPipelineProps.notifyEmails: '" + email
                            + "' is not an e-mail address such as oncall@example.com");
                }
            }
            this.notifyEmails = notifyEmails;
            return this;
        }

        /**
         * @param logRetention see {@link IncidentPipelineProps#getLogRetention()}
         * @return this builder
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = required(logRetention, "logRetention", "leave it out for the default");
            return this;
        }

        /**
         * @param topicEncryption see {@link IncidentPipelineProps#getTopicEncryption()}
         * @return this builder
         */
        public Builder topicEncryption(TopicEncryption topicEncryption) {
            this.topicEncryption = required(topicEncryption, "topicEncryption",
                    "use TopicEncryption.ownKey(), key(yourKey) or none(reason)");
            return this;
        }

        /**
         * @param apiFirewall see {@link IncidentPipelineProps#isApiFirewall()}
         * @return this builder
         */
        public Builder apiFirewall(boolean apiFirewall) {
            this.apiFirewall = apiFirewall;
            return this;
        }

        /**
         * @param store see {@link IncidentPipelineProps#getStore()}
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = required(store, "store", "leave it out and the pipeline creates its table");
            return this;
        }

        /**
         * @param storeProps see {@link IncidentPipelineProps#getStoreProps()}
         * @return this builder
         */
        public Builder storeProps(IncidentStoreProps storeProps) {
            this.storeProps = required(storeProps, "storeProps", "leave it out for the default table");
            return this;
        }

        /**
         * @param bus see {@link IncidentPipelineProps#getBus()}
         * @return this builder
         */
        public Builder bus(IIncidentBus bus) {
            this.bus = required(bus, "bus", "leave it out and the pipeline creates its bus");
            return this;
        }

        /**
         * @param urgentTopic see {@link IncidentPipelineProps#getUrgentTopic()}
         * @return this builder
         */
        public Builder urgentTopic(ITopic urgentTopic) {
            this.urgentTopic = required(urgentTopic, "urgentTopic", "leave it out and the pipeline creates its topic");
            return this;
        }

        /**
         * @param routineTopic see {@link IncidentPipelineProps#getRoutineTopic()}
         * @return this builder
         */
        public Builder routineTopic(ITopic routineTopic) {
            this.routineTopic = required(routineTopic, "routineTopic", "leave it out and the pipeline creates its topic");
            return this;
        }

        /**
         * @param archiveRetention see {@link IncidentPipelineProps#getArchiveRetention()}
         * @return this builder
         */
        public Builder archiveRetention(Duration archiveRetention) {
            required(archiveRetention, "archiveRetention", "leave it out for the default");
            if (archiveRetention.toHours().doubleValue() < 24) {
                throw new IllegalArgumentException("IncidentPipelineProps.archiveRetention must be at least one day, got "
                        + archiveRetention.toHumanString());
            }
            this.archiveRetention = archiveRetention;
            return this;
        }

        /**
         * @param cursorSecret see {@link IncidentPipelineProps#getCursorSecret()}
         * @return this builder
         */
        public Builder cursorSecret(ISecret cursorSecret) {
            this.cursorSecret = required(cursorSecret, "cursorSecret", "leave it out for a generated one");
            return this;
        }

        /**
         * @param operatorApi see {@link IncidentPipelineProps#isOperatorApi()}
         * @return this builder
         */
        public Builder operatorApi(boolean operatorApi) {
            this.operatorApi = operatorApi;
            return this;
        }

        /**
         * @param examplePlaybook see {@link IncidentPipelineProps#isExamplePlaybook()}
         * @return this builder
         */
        public Builder examplePlaybook(boolean examplePlaybook) {
            this.examplePlaybook = examplePlaybook;
            return this;
        }

        /**
         * @param requestsPerSecond see {@link IncidentPipelineProps#getThrottlingRateLimit()}
         * @return this builder
         */
        public Builder throttlingRateLimit(int requestsPerSecond) {
            this.throttlingRateLimit = range("throttlingRateLimit", requestsPerSecond, 1, 10_000);
            return this;
        }

        /**
         * @param requests see {@link IncidentPipelineProps#getThrottlingBurstLimit()}
         * @return this builder
         */
        public Builder throttlingBurstLimit(int requests) {
            this.throttlingBurstLimit = range("throttlingBurstLimit", requests, 1, 5_000);
            return this;
        }

        /**
         * @param memorySize see {@link IncidentPipelineProps#getIngestMemorySize()}
         * @return this builder
         */
        public Builder ingestMemorySize(int memorySize) {
            this.ingestMemorySize = range("ingestMemorySize", memorySize, 256, 10_240);
            return this;
        }

        private static int range(String prop, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("IncidentPipelineProps." + prop + " must be between " + min + " and "
                        + max + ", got " + value);
            }
            return value;
        }

        /**
         * @param takeover see {@link IncidentPipelineProps#isTakeover()}
         * @return this builder
         */
        public Builder takeover(boolean takeover) {
            this.takeover = takeover;
            return this;
        }

        /**
         * @param takeoverAfter see {@link IncidentPipelineProps#getTakeoverAfter()}
         * @return this builder
         */
        public Builder takeoverAfter(Duration takeoverAfter) {
            this.takeoverAfter = required(takeoverAfter, "takeoverAfter", "leave it out for 60 seconds");
            return this;
        }

        /**
         * @param awsSources see {@link IncidentPipelineProps#getAwsSources()}
         * @return this builder
         */
        public Builder awsSources(List<AwsEventSource> awsSources) {
            this.awsSources = list(awsSources, "awsSources", "list AwsEventSource values, or List.of() for none");
            return this;
        }

        /**
         * @param remediations see {@link IncidentPipelineProps#getRemediations()}
         * @return this builder
         */
        public Builder remediations(List<Remediation> remediations) {
            this.remediations = list(remediations, "remediations", "list Remediation values, or List.of() for none");
            return this;
        }

        /**
         * @param dryRun see {@link IncidentPipelineProps#isRemediationDryRun()}
         * @return this builder
         */
        public Builder remediationDryRun(boolean dryRun) {
            this.remediationDryRun = dryRun;
            return this;
        }

        /**
         * @param ports see {@link IncidentPipelineProps#getRemediationPublicPorts()}
         * @return this builder
         */
        public Builder remediationPublicPorts(List<Integer> ports) {
            this.remediationPublicPorts = list(ports, "remediationPublicPorts", "list port numbers, or List.of() for none");
            return this;
        }

        /**
         * @param driftDetection see {@link IncidentPipelineProps#isDriftDetection()}
         * @return this builder
         */
        public Builder driftDetection(boolean driftDetection) {
            this.driftDetection = driftDetection;
            return this;
        }

        /**
         * @param plannedSilences see {@link IncidentPipelineProps#getPlannedSilences()}
         * @return this builder
         */
        public Builder plannedSilences(List<PlannedSilence> plannedSilences) {
            this.plannedSilences = list(plannedSilences, "plannedSilences",
                    "list PlannedSilence windows, or List.of() for none");
            return this;
        }

        /**
         * @param url see {@link IncidentPipelineProps#getChatWebhookUrl()}
         * @param secretName see {@link IncidentPipelineProps#getChatWebhookSecretName()}
         * @return this builder
         */
        public Builder chatWebhook(String url, String secretName) {
            this.chatWebhookUrl = required(url, "chatWebhook(url, …)", "pass the webhook's https URL");
            this.chatWebhookSecretName = required(secretName, "chatWebhook(…, secretName)",
                    "pass the name of the secret that holds its authorization header");
            return this;
        }

        /**
         * @param monthlyLimitUsd see {@link IncidentPipelineProps#getBudgetMonthlyUsd()}
         * @return this builder
         */
        public Builder budgetMonthlyUsd(BigDecimal monthlyLimitUsd) {
            this.budgetMonthlyUsd = required(monthlyLimitUsd, "budgetMonthlyUsd", "pass a positive amount, or leave it out");
            return this;
        }

        /**
         * @param topic see {@link IncidentPipelineProps#getCostAlertTopic()}
         * @param deadLetterQueue see {@link IncidentPipelineProps#getCostAlertDeadLetterQueue()}
         * @return this builder
         */
        public Builder costAlertTopic(ITopic topic, IQueue deadLetterQueue) {
            this.costAlertTopic = required(topic, "costAlertTopic(topic, …)", "pass the cost-alert topic");
            this.costAlertDeadLetterQueue = required(deadLetterQueue, "costAlertTopic(…, deadLetterQueue)",
                    "pass a queue in the topic's region (CostGuardrails.getSubscriptionDeadLetterQueue())");
            return this;
        }

        /**
         * @param zone see {@link IncidentPipelineProps#getZone()}
         * @param domainName see {@link IncidentPipelineProps#getDomainName()}
         * @return this builder
         */
        public Builder domain(IHostedZone zone, String domainName) {
            this.zone = required(zone, "domain(zone, …)", "pass the hosted zone of the domain name");
            this.domainName = required(domainName, "domain(…, domainName)", "pass a hostname such as alerts.example.com");
            return this;
        }

        /**
         * @param routing see {@link IncidentPipelineProps#getRouting()}
         * @return this builder
         */
        public Builder routing(Routing routing) {
            this.routing = required(routing, "routing", "use Routing.LATENCY or Routing.FAILOVER");
            return this;
        }

        /**
         * @param primaryRegion see {@link IncidentPipelineProps#isPrimaryRegion()}
         * @return this builder
         */
        public Builder primaryRegion(boolean primaryRegion) {
            this.primaryRegion = primaryRegion;
            return this;
        }

        /**
         * @param monitoring see {@link IncidentPipelineProps#isMonitoring()}
         * @return this builder
         */
        public Builder monitoring(boolean monitoring) {
            this.monitoring = monitoring;
            return this;
        }

        /**
         * @param peerRegions see {@link IncidentPipelineProps#getPeerRegions()}
         * @return this builder
         */
        public Builder peerRegions(List<String> peerRegions) {
            this.peerRegions = list(peerRegions, "peerRegions", "list region names, or List.of() for none");
            return this;
        }

        /**
         * @param legacyLogicalIds see {@link IncidentPipelineProps#isLegacyLogicalIds()}
         * @return this builder
         */
        public Builder legacyLogicalIds(boolean legacyLogicalIds) {
            this.legacyLogicalIds = legacyLogicalIds;
            return this;
        }

        /**
         * @return the properties
         * @throws IllegalArgumentException naming the property of IncidentPipelineProps that conflicts
         *         with another, is out of range or has no effect, and the fix
         */
        public IncidentPipelineProps build() {
            if (takeoverAfter != null) {
                if (!takeover) {
                    throw new IllegalArgumentException("IncidentPipelineProps.takeoverAfter has no effect without"
                            + " takeover(true): turn takeover on, or leave takeoverAfter out");
                }
                DueWorkSweeperProps.checkTakeoverAfter(takeoverAfter, "IncidentPipelineProps.takeoverAfter");
            }
            conflict(store != null && storeProps != null, "store", "storeProps",
                    "storeProps configures the table the pipeline creates; with your own store, configure that one");
            conflict(store != null && !plannedSilences.isEmpty(), "store", "plannedSilences",
                    "the pipeline writes the windows to the table it creates; with your own store, create"
                            + " PlannedSilences in the stack that owns that table");
            PlannedSilencesProps.checkWindows(plannedSilences, "IncidentPipelineProps.plannedSilences");
            conflict(bus != null && archiveRetention != null, "bus", "archiveRetention",
                    "archiveRetention configures the bus the pipeline creates; with your own bus, configure its archive");
            conflict(!operatorApi && cursorSecret != null, "operatorApi(false)", "cursorSecret",
                    "the cursor secret keys the operator API's listings; drop it, or keep the operator API");
            for (AlertSource source : sourceSecrets.keySet()) {
                if (!alertSources.contains(source)) {
                    throw new IllegalArgumentException("IncidentPipelineProps.sourceSecret(" + source.getId() + ", …) is for"
                            + " a source that is not in alertSources " + alertSources + ": add it there or drop the secret");
                }
            }
            if (throttlingBurstLimit < throttlingRateLimit) {
                throw new IllegalArgumentException("IncidentPipelineProps.throttlingBurstLimit (" + throttlingBurstLimit
                        + ") must be at least throttlingRateLimit (" + throttlingRateLimit + ")");
            }
            conflict(budgetMonthlyUsd != null && costAlertTopic != null, "budgetMonthlyUsd", "costAlertTopic",
                    "with a budget the pipeline's own cost topic feeds the intake; drop one");
            if (budgetMonthlyUsd != null && stageName == null) {
                throw new IllegalArgumentException("IncidentPipelineProps.budgetMonthlyUsd needs stageName: the budget"
                        + " covers the resources tagged with the stage's name");
            }
            if (budgetMonthlyUsd != null && budgetMonthlyUsd.signum() <= 0) {
                throw new IllegalArgumentException("IncidentPipelineProps.budgetMonthlyUsd must be a positive amount,"
                        + " got " + budgetMonthlyUsd);
            }
            if (!remediations.contains(Remediation.REVOKE_OPEN_INGRESS) && remediationPublicPorts != null) {
                throw new IllegalArgumentException("IncidentPipelineProps.remediationPublicPorts has no effect without"
                        + " Remediation.REVOKE_OPEN_INGRESS in remediations: add it, or leave the ports out");
            }
            if (zone == null && routing != Routing.LATENCY) {
                throw new IllegalArgumentException("IncidentPipelineProps.routing has no effect without a domain:"
                        + " set domain(zone, domainName), or leave routing out");
            }
            return new IncidentPipelineProps(this);
        }

        private static void conflict(boolean both, String one, String other, String why) {
            if (both) {
                throw new IllegalArgumentException("IncidentPipelineProps." + one + " and " + other + " exclude each other: "
                        + why);
            }
        }
    }
}
