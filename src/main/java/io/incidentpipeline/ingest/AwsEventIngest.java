package io.incidentpipeline.ingest;

import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * AWS services' own events from this region's default bus (CloudWatch alarms, GuardDuty and
 * Security Hub findings, AWS Health) become incidents: a rule per enabled source sends them to the
 * EventBridge adapter of the intake, with no shared secret (the rules and IAM do the trust; the
 * function also accepts only the enabled sources from this account). Every hop is retried and ends
 * in a dead-letter queue.
 */
public final class AwsEventIngest extends Construct {
    private static final String HANDLER = "io.incidentpipeline.handlers.ingest.EventBridgeAlertHandler::handleRequest";

    private final JavaHandlerFunction function;
    private final DeadLetterQueue failures;

    /**
     * Creates the EventBridge adapter function and a rule on this region's default bus for each
     * enabled source.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} and at least one source are required
     */
    public AwsEventIngest(Construct scope, String id, AwsEventIngestProps props) {
        super(scope, id);
        IIncidentStore store = props.getStore();
        List<AwsEventSource> sources = props.getSources();
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Turns AWS service events (alarms, findings, health) into incidents")
                .environment(Map.of(
                        "TABLE_NAME", store.getTable().getTableName(),
                        "AWS_EVENT_SOURCES", AwsEventSource.eventSources(sources),
                        "ALLOWED_ACCOUNTS", Aws.ACCOUNT_ID))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        store.grantItemActions(function, "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem");
        failures = new DeadLetterQueue(this, "FailureQueue", "AWS service events that could not be recorded");
        function.sendFailedAsyncInvocationsTo(failures.getQueue(), 2, Duration.hours(6));
        for (AwsEventSource source : sources) {
            Rule.Builder.create(this, "Rule-" + source.getId())
                    .description("AWS " + source.getDetailType() + " events to the incident intake")
                    .eventPattern(EventPattern.builder()
                            .source(List.of(source.getEventSource()))
                            .detailType(List.of(source.getDetailType()))
                            .build())
                    .targets(List.of(LambdaFunction.Builder.create(function.getAlias())
                            .retryAttempts(IncidentRule.RETRY_ATTEMPTS)
                            .maxEventAge(IncidentRule.MAX_EVENT_AGE)
                            .deadLetterQueue(failures.getQueue())
                            .build()))
                    .build();
        }
    }

    /** @return the adapter function */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /** @return where events go that could not be delivered or recorded after every retry */
    public IQueue getFailureQueue() {
        return failures.getQueue();
    }
}
