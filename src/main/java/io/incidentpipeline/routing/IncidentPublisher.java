package io.incidentpipeline.routing;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Publishes incident changes from the table's stream to the {@link IncidentBus}, and writes each
 * change's entry on the incident's timeline. The ingest handler and the operator API write only the
 * incident item, so a change can never be lost between the table, the timeline and the bus: the
 * stream holds each change for 24 hours and this function delivers it at least once.
 *
 * <p>Failures are retried with the batch bisected to isolate a poison record; a record that still
 * fails is sent to the {@link #getDeadLetterQueue() dead-letter queue} with its stream position.
 * Only incident items written in this function's own region are delivered to it (an event-source
 * filter, evaluated by Lambda at no charge), so a replicated write is never routed twice.
 *
 * <p>Before it puts a change's event the function claims the change with a conditional write, so
 * that a change a {@link DueWorkSweeper} of another region took over after the region was lost is
 * not announced a second time when this region returns. The filter drops the stream records of
 * those claims (they carry {@code announceClaim}, which every other write removes): a claim costs
 * no invocation.
 */
public final class IncidentPublisher extends Construct {
    private static final String HANDLER = "io.incidentpipeline.handlers.publish.StreamPublisher::handleRequest";
    /** The attribute only an announcement's claim sets (docs/CONTRACTS.md, "Announcements"). */
    static final String CLAIM_MARK = "announceClaim";

    private final JavaHandlerFunction function;
    private final DeadLetterQueue deadLetterQueue;

    /**
     * Creates the publisher function and its subscription to the table's stream.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} and {@code bus} are required
     */
    public IncidentPublisher(Construct scope, String id, IncidentPublisherProps props) {
        super(scope, id);
        IIncidentStore store = props.getStore();
        if (store.getTable().getTableStreamArn() == null) {
            throw new IllegalArgumentException("IncidentPublisher: the store's table has no stream ARN, and the publisher"
                    + " reads the stream. Import it with IncidentStoreAttributes.tableStreamArn (DynamoDB's LatestStreamArn),"
                    + " or use IncidentStore.fromReplica for a global table's replica.");
        }
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Publishes incident table changes to the incident bus")
                .environment(Map.of("EVENT_BUS_NAME", props.getBus().getEventBusName(),
                        "TABLE_NAME", store.getTable().getTableName()))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        props.getBus().grantPutEventsTo(function);
        // Timeline entries (new items under INC#<id>, written in batches), the claim of each announcement,
        // and reads of the incidents' tallies (TALLY#<id>#<shard>), which hold the counts its events carry.
        store.grantItemActions(function, "dynamodb:BatchWriteItem", "dynamodb:UpdateItem", "dynamodb:GetItem");
        Guardrails.acknowledge(function.getFunction(), "Serverless-LambdaDLQ", "Invoked by a DynamoDB stream event"
                + " source mapping, never asynchronously: its failed records go to the mapping's on-failure queue.");

        deadLetterQueue = new DeadLetterQueue(this, "DeadLetterQueue", "incident stream records the publisher"
                + " could not deliver to the bus");
        function.getAlias().addEventSource(DynamoEventSource.Builder.create(store.getTable())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(25)
                .retryAttempts(8)
                .maxRecordAge(Duration.hours(6))
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .onFailure(new SqsDlq(deadLetterQueue.getQueue()))
                .filters(List.of(incidentChanges(), playbookResults()))
                .build());
    }

    /** Changes of current incidents ({@code FP#…/INCIDENT}) written by this region, claims excepted. */
    private Map<String, Object> incidentChanges() {
        Map<String, Object> keys = sorted(Map.of(
                IncidentStore.PARTITION_KEY, Map.of("S", FilterRule.beginsWith("FP#")),
                IncidentStore.SORT_KEY, Map.of("S", FilterRule.isEqual("INCIDENT"))));
        Map<String, Object> newImage = sorted(Map.of(
                "writtenRegion", Map.of("S", FilterRule.isEqual(Stack.of(this).getRegion())),
                CLAIM_MARK, Map.of("S", FilterRule.notExists())));
        return FilterCriteria.filter(sorted(Map.of(
                "eventName", List.of("INSERT", "MODIFY"),
                "dynamodb", sorted(Map.of("Keys", keys, "NewImage", newImage)))));
    }

    /** Playbook run records ({@code INC#…/PLAYBOOK#…}) of this region that hold a result, claims excepted. */
    private Map<String, Object> playbookResults() {
        Map<String, Object> keys = Map.of(IncidentStore.SORT_KEY, Map.of("S", FilterRule.beginsWith("PLAYBOOK#")));
        Map<String, Object> newImage = sorted(Map.of(
                "outcome", Map.of("S", FilterRule.exists()),
                "writtenRegion", Map.of("S", FilterRule.isEqual(Stack.of(this).getRegion())),
                CLAIM_MARK, Map.of("S", FilterRule.notExists())));
        return FilterCriteria.filter(sorted(Map.of(
                "eventName", List.of("MODIFY"),
                "dynamodb", sorted(Map.of("Keys", keys, "NewImage", newImage)))));
    }

    /**
     * The filter's JSON keeps its maps' iteration order, and {@code Map.of} iterates in a different
     * order in every JVM: sorted, the template stays the same from one synth to the next.
     */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return new TreeMap<>(map);
    }

    /** @return the publishing function */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /**
     * @return how far behind the stream the publisher is (maximum age of the last record read, per
     *         5 minutes): rising values mean incidents reach the bus late
     */
    public Metric metricIteratorAge() {
        return function.getFunction().metric("IteratorAge", MetricOptions.builder()
                .statistic("Maximum")
                .dimensionsMap(Map.of("FunctionName", function.getFunction().getFunctionName(),
                        "Resource", function.getFunction().getFunctionName() + ":" + JavaHandlerFunction.ALIAS_NAME))
                .build());
    }

    /** @return stream records waiting in the dead-letter queue: anything above zero was never published */
    public Metric metricUnpublishedRecords() {
        return deadLetterQueue.getQueue().metricApproximateNumberOfMessagesVisible();
    }

    /** @return where stream records go that could not be published after every retry */
    public IQueue getDeadLetterQueue() {
        return deadLetterQueue.getQueue();
    }
}
