package io.incidentpipeline;

import io.incidentpipeline.ingest.AlertIngestApi;
import io.incidentpipeline.ingest.AlertIngestApiProps;
import io.incidentpipeline.notify.SeverityNotifications;
import io.incidentpipeline.notify.SeverityNotificationsProps;
import io.incidentpipeline.notify.TopicEncryption;
import io.incidentpipeline.operator.IncidentOperatorApi;
import io.incidentpipeline.operator.IncidentOperatorApiProps;
import io.incidentpipeline.playbooks.ExamplePlaybook;
import io.incidentpipeline.playbooks.ExamplePlaybookProps;
import io.incidentpipeline.playbooks.Playbook;
import io.incidentpipeline.playbooks.PlaybookProps;
import io.incidentpipeline.routing.IncidentBus;
import io.incidentpipeline.routing.IncidentBusProps;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.DueWorkSweeper;
import io.incidentpipeline.routing.DueWorkSweeperProps;
import io.incidentpipeline.routing.IncidentPublisher;
import io.incidentpipeline.routing.IncidentPublisherProps;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.routing.IncidentRuleProps;
import io.incidentpipeline.routing.IncidentSchemas;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A complete regional incident pipeline: alerts in through the {@link AlertIngestApi}, incidents in
 * the {@link IncidentStore}, changes published by the {@link IncidentPublisher} to the
 * {@link IncidentBus}, where an {@link IncidentRule} sends newly opened critical and high incidents
 * to an example playbook, and {@link SeverityNotifications} notify people by severity. Add your
 * own remediations with {@link #addPlaybook}.
 *
 * <pre>{@code
 * IncidentPipeline pipeline = new IncidentPipeline(this, "Incidents", IncidentPipelineProps.builder()
 *         .notifyEmails(List.of("oncall@example.com"))
 *         .build());
 * }</pre>
 */
public final class IncidentPipeline extends Construct {
    private final IncidentStore store;
    private final IncidentBus bus;
    private final IncidentPublisher publisher;
    private final IncidentSchemas schemas;
    private final AlertIngestApi ingest;
    private final IncidentOperatorApi operatorApi;
    private final SeverityNotifications notifications;
    private final ExamplePlaybook playbook;
    private final IncidentRule urgentRule;
    private final DueWorkSweeper sweeper;

    /** Creates the pipeline with every default of {@link IncidentPipelineProps}. */
    public IncidentPipeline(Construct scope, String id) {
        this(scope, id, IncidentPipelineProps.builder().build());
    }

    public IncidentPipeline(Construct scope, String id, IncidentPipelineProps props) {
        super(scope, id);
        RemovalPolicy removal = props.isDisposable() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

        store = props.getStore() != null
                ? props.getStore()
                : new IncidentStore(this, "Store", IncidentStoreProps.builder().removalPolicy(removal).build());
        bus = new IncidentBus(this, "Bus", IncidentBusProps.builder()
                .archiveRetention(Duration.days(props.isDisposable() ? 7 : 365))
                .build());
        schemas = new IncidentSchemas(this, "Schemas");
        publisher = new IncidentPublisher(this, "Publisher", IncidentPublisherProps.builder()
                .store(store).bus(bus.getEventBus()).logRetention(props.getLogRetention()).logRemovalPolicy(removal).build());
        sweeper = !props.isTakeover() ? null : new DueWorkSweeper(this, "Sweeper", DueWorkSweeperProps.builder()
                .store(store)
                .bus(bus.getEventBus())
                .takeoverAfter(props.getTakeoverAfter())
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(removal)
                .build());
        // The bus denies events with the pipeline's source to every role it was not told of.
        bus.grantPutEvents(publisher.getFunction().getFunction());
        if (sweeper != null) {
            bus.grantPutEvents(sweeper.getFunction().getFunction());
        }

        AlertIngestApiProps.Builder ingestProps = AlertIngestApiProps.builder()
                .store(store)
                .bus(bus.getEventBus())
                .sources(props.getAlertSources())
                .logRetention(props.getLogRetention())
                .removalPolicy(removal);
        if (props.isApiFirewall()) {
            // One address may post half of what the intake sustains: it cannot crowd out every other sender.
            ingestProps.firewall(AlertIngestApiProps.DEFAULT_THROTTLING_RATE_LIMIT * 300 / 2);
        }
        props.getSourceSecrets().forEach(ingestProps::sourceSecret);
        ingest = new AlertIngestApi(this, "Ingest", ingestProps.build());
        operatorApi = new IncidentOperatorApi(this, "OperatorApi", IncidentOperatorApiProps.builder()
                .api(ingest.getApi())
                .store(store)
                .cursorSecret(props.getCursorSecret())
                .logRetention(props.getLogRetention())
                .removalPolicy(removal)
                .build());

        TopicEncryption topicEncryption = props.getTopicEncryption().isOwnKey()
                ? TopicEncryption.key(Key.Builder.create(this, "TopicKey")
                        .description("Incident notification topics").enableKeyRotation(true)
                        // A disposable pipeline's key goes with it (after KMS's 7-day minimum waiting period).
                        .removalPolicy(removal).pendingWindow(Duration.days(7)).build())
                : props.getTopicEncryption();
        notifications = new SeverityNotifications(this, "Notifications", SeverityNotificationsProps.builder()
                .bus(bus.getEventBus())
                .urgentEmails(props.getNotifyEmails())
                .encryption(topicEncryption)
                .build());
        playbook = new ExamplePlaybook(this, "ExamplePlaybook", ExamplePlaybookProps.builder()
                .store(store).logRetention(props.getLogRetention()).logRemovalPolicy(removal).build());
        urgentRule = new IncidentRule(this, "UrgentOpened", IncidentRuleProps.builder()
                .bus(bus.getEventBus())
                .pattern(IncidentPattern.builder()
                        .detailTypes(DetailType.OPENED)
                        .severities(Severity.CRITICAL, Severity.HIGH)
                        .silencedIncidents(IncidentPattern.SilencedIncidents.WHEN_PLAYBOOKS_RUN)
                        .build())
                .description("Newly opened critical and high incidents: the example playbook")
                .build())
                .addPlaybook(playbook.getFunction());
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
     */
    public Playbook addPlaybook(String id, PlaybookProps props) {
        return new Playbook(this, id, bus.getEventBus(), store, props);
    }

    /** @return the operator API ({@code /incidents} on the ingest API) */
    public IncidentOperatorApi getOperatorApi() {
        return operatorApi;
    }

    /** @return the incident table */
    public IncidentStore getStore() {
        return store;
    }

    /** @return the incident bus */
    public IncidentBus getBus() {
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

    /** @return the sweeper that takes over other regions' unannounced changes, if {@code takeover} is on */
    public java.util.Optional<DueWorkSweeper> getSweeper() {
        return java.util.Optional.ofNullable(sweeper);
    }

    /** @return the alert intake API */
    public AlertIngestApi getIngest() {
        return ingest;
    }

    /** @return the notification topics by severity */
    public SeverityNotifications getNotifications() {
        return notifications;
    }

    /** @return the example playbook */
    public ExamplePlaybook getPlaybook() {
        return playbook;
    }

    /** @return the rule routing newly opened critical and high incidents */
    public IncidentRule getUrgentRule() {
        return urgentRule;
    }
}
