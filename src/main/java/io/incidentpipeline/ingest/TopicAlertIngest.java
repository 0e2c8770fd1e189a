package io.incidentpipeline.ingest;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IStableStringProducer;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.SubscriptionProtocol;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Alerts that AWS services publish to SNS topics (AWS Budgets, Cost Anomaly Detection) become
 * incidents through the same dedup write as webhook alerts. No shared secret: IAM does the trust,
 * and the function accepts notifications only from the topics {@link #subscribe subscribed} to it.
 *
 * <p>SNS invokes the function asynchronously: a notification that still fails after Lambda's
 * retries (the table was unreachable) goes to the on-failure queue; one SNS could not deliver goes
 * to the subscription's dead-letter queue.
 */
public final class TopicAlertIngest extends Construct {
    private static final String HANDLER = "io.incidentpipeline.handlers.ingest.SnsAlertHandler::handleRequest";

    private final JavaHandlerFunction function;
    private final DeadLetterQueue failures;
    private final List<String> topicArns = new ArrayList<>();

    /**
     * Creates the function that turns SNS notifications into incidents; subscribe topics to it with
     * {@link #subscribe(ITopic)}.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} is required
     */
    public TopicAlertIngest(Construct scope, String id, TopicAlertIngestProps props) {
        super(scope, id);
        IIncidentStore store = props.getStore();
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Turns AWS Budgets and Cost Anomaly Detection notifications into incidents")
                .timeout(Duration.seconds(30))
                .environment(Map.of(
                        "TABLE_NAME", store.getTable().getTableName(),
                        "ALERT_TOPIC_ARNS", Lazy.string(new IStableStringProducer() {
                            @Override
                            public String produce() {
                                return String.join(",", topicArns);
                            }
                        })))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        store.grantItemActions(function, "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem");
        failures = new DeadLetterQueue(this, "FailureQueue", "topic alerts that could not be recorded after every retry");
        function.sendFailedAsyncInvocationsTo(failures.getQueue(), 2, Duration.hours(6));
    }

    /**
     * Subscribes the function to {@code topic}, in this stack's region, and accepts its notifications;
     * what SNS cannot deliver goes to the function's failure queue.
     *
     * @param topic a topic in this stack's region
     * @throws IllegalArgumentException when the topic is in another region: use
     *     {@link #subscribe(ITopic, IQueue)} with a queue there
     */
    public void subscribe(ITopic topic) {
        if (isInAnotherRegion(topic)) {
            throw new IllegalArgumentException("TopicAlertIngest.subscribe: topic " + topic.getNode().getPath() + " is in "
                    + topic.getEnv().getRegion() + ", this intake in " + Stack.of(this).getRegion() + ". SNS keeps a"
                    + " subscription's undeliverable messages only in a queue of the topic's region: call"
                    + " subscribe(topic, deadLetterQueue) with a queue there (CostGuardrails.getSubscriptionDeadLetterQueue()).");
        }
        subscribe(topic, failures.getQueue());
    }

    /**
     * Subscribes the function to {@code topic} and accepts its notifications. The topic may be in
     * another region of the same account (budget topics live in us-east-1).
     *
     * @param topic the topic, in any region of this account
     * @param deadLetterQueue where SNS puts what it cannot deliver: a queue in the topic's region
     *     whose policy lets the topic send to it (SNS's rule)
     */
    public void subscribe(ITopic topic, IQueue deadLetterQueue) {
        topicArns.add(topic.getTopicArn());
        String id = "Subscription" + topicArns.size();
        // Built by hand: LambdaSubscription names its construct after the topic's id, which clashes
        // with the alias's own "Resource" child when the topic follows the same convention.
        Subscription subscription = Subscription.Builder.create(this, id)
                .topic(topic)
                .protocol(SubscriptionProtocol.LAMBDA)
                .endpoint(function.getAlias().getFunctionArn())
                .deadLetterQueue(deadLetterQueue)
                .region(isInAnotherRegion(topic) ? topic.getEnv().getRegion() : null)
                .build();
        Guardrails.acknowledge(subscription, "CloudFormation-Validate::W3694", "The endpoint is the alias's ARN, a"
                + " qualified function ARN that SNS invokes like any function ARN; it reaches the published version"
                + " SnapStart applies to.");
        function.getAlias().addPermission("InvokeBy" + id, Permission.builder()
                .principal(new ServicePrincipal("sns.amazonaws.com"))
                .sourceArn(topic.getTopicArn())
                .build());
    }

    private boolean isInAnotherRegion(ITopic topic) {
        String topicRegion = topic.getEnv().getRegion();
        String ownRegion = Stack.of(this).getRegion();
        return !Token.isUnresolved(topicRegion) && !Token.isUnresolved(ownRegion) && !topicRegion.equals(ownRegion);
    }

    /** @return the function */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /** @return where notifications go that could not be recorded */
    public IQueue getFailureQueue() {
        return failures.getQueue();
    }
}
