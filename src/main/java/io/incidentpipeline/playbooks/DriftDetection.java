package io.incidentpipeline.playbooks;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Keeps the pipeline honest about its own infrastructure: on a schedule, runs CloudFormation drift
 * detection on the given stacks and records each drifted resource (MODIFIED or DELETED) as an alert
 * of source {@code aws-cloudformation-drift}, with the expected and actual value of every property
 * that differs. A drift opens one incident; later runs that still find it count occurrences.
 *
 * <p>Drift detection reads each resource with the caller's permissions, so the function gets the
 * read-only describe actions of the resource types the pipeline deploys, named one by one.
 */
public final class DriftDetection extends Construct {
    private static final String HANDLER = "io.incidentpipeline.handlers.remediation.DriftDetectionHandler::handleRequest";
    /**
     * What drift detection reads of each resource type the pipeline's stacks hold (IAM, DynamoDB,
     * SQS, SNS, EventBridge, schemas, logs, Secrets Manager, KMS, CloudWatch, WAF, Route 53, X-Ray),
     * on any resource: read-only actions that return configuration, never a secret value, most with
     * no useful resource-level scoping. Lambda's and API Gateway's reads are scoped apart
     * ({@link #FUNCTION_READS}, {@link #API_READS}).
     */
    static final List<String> DESCRIBE_ACTIONS = List.of(
            "lambda:GetAlias", "lambda:GetPolicy", "lambda:GetEventSourceMapping",
            "lambda:GetFunctionEventInvokeConfig", "lambda:ListTags",
            "iam:GetRole", "iam:GetRolePolicy", "iam:GetPolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
            "dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive",
            "dynamodb:ListTagsOfResource", "sqs:GetQueueAttributes", "sqs:ListQueueTags",
            "sns:GetTopicAttributes", "sns:GetSubscriptionAttributes", "sns:ListTagsForResource",
            "events:DescribeEventBus", "events:DescribeRule", "events:ListTargetsByRule", "events:DescribeArchive",
            "events:DescribeConnection", "events:DescribeApiDestination", "events:ListTagsForResource",
            "schemas:DescribeRegistry", "schemas:DescribeSchema", "logs:DescribeLogGroups", "logs:ListTagsForResource",
            "secretsmanager:DescribeSecret", "kms:DescribeKey", "kms:GetKeyPolicy",
            "kms:GetKeyRotationStatus", "kms:ListResourceTags", "cloudwatch:DescribeAlarms", "cloudwatch:GetDashboard",
            "cloudwatch:ListTagsForResource", "wafv2:GetWebACL", "wafv2:GetWebACLForResource",
            "route53:GetHealthCheck", "route53:ListResourceRecordSets", "xray:GetSamplingRules");

    /**
     * A function's reads return its code's download location and its environment: allowed only on
     * functions CloudFormation tagged as resources of the checked stacks.
     */
    static final List<String> FUNCTION_READS = List.of("lambda:GetFunction", "lambda:GetFunctionConfiguration");

    /**
     * API Gateway's reads ({@code apigateway:GET}) on the REST APIs, custom domains and account
     * settings the stacks hold, never on {@code /apikeys}, whose answers carry key values.
     */
    static final List<String> API_READS = List.of("/restapis", "/restapis/*", "/domainnames", "/domainnames/*", "/account");

    private final JavaHandlerFunction function;
    private final DeadLetterQueue failures;
    private final Rule schedule;

    /**
     * Creates the drift detection function and its schedule.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} is required
     */
    public DriftDetection(Construct scope, String id, DriftDetectionProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        List<String> stackNames = props.getStackNames().isEmpty() ? List.of(stack.getStackName()) : props.getStackNames();
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Detects drift in " + String.join(", ", stackNames) + " and records it as alerts")
                // Detection of a large stack takes minutes, most of it waiting: long, not big.
                .timeout(Duration.minutes(5))
                .environment(Map.of("TABLE_NAME", props.getStore().getTable().getTableName(),
                        "DRIFT_STACK_NAMES", String.join(",", stackNames)))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        // As the ingest path records an alert: the dedup UpdateItem, a re-open's GetItem and PutItems.
        props.getStore().grantItemActions(function, "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem");
        grantDriftDetection(stack, stackNames);

        failures = new DeadLetterQueue(this, "FailureQueue", "drift checks that failed after every retry");
        function.sendFailedAsyncInvocationsTo(failures.getQueue(), 2, Duration.hours(1));
        schedule = Rule.Builder.create(this, "Schedule")
                .description("Drift detection of " + String.join(", ", stackNames))
                .schedule(Schedule.rate(props.getInterval()))
                .targets(List.of(LambdaFunction.Builder.create(function.getAlias())
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(1))
                        .deadLetterQueue(failures.getQueue())
                        .build()))
                .build();
    }

    /**
     * The CloudFormation calls on the stacks' ARNs and the describe actions, in a policy of its own
     * so that each acknowledged wildcard covers exactly its statement.
     */
    private void grantDriftDetection(Stack stack, List<String> stackNames) {
        List<String> stackArns = stackNames.stream()
                .map(name -> "arn:" + stack.getPartition() + ":cloudformation:" + stack.getRegion() + ":"
                        + stack.getAccount() + ":stack/" + name + "/*")
                .toList();
        Policy policy = Policy.Builder.create(this, "DriftDetectionPolicy")
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("cloudformation:DetectStackDrift",
                                        "cloudformation:DescribeStackResourceDrifts"))
                                .resources(stackArns)
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("cloudformation:DescribeStackDriftDetectionStatus"))
                                .resources(List.of("*"))
                                .build(),
                        PolicyStatement.Builder.create().actions(DESCRIBE_ACTIONS).resources(List.of("*")).build(),
                        PolicyStatement.Builder.create()
                                .actions(FUNCTION_READS)
                                .resources(List.of("arn:" + stack.getPartition() + ":lambda:" + stack.getRegion() + ":"
                                        + stack.getAccount() + ":function:*"))
                                .conditions(Map.of("StringEquals",
                                        Map.of("aws:ResourceTag/aws:cloudformation:stack-name", stackNames)))
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("apigateway:GET"))
                                .resources(API_READS.stream().map(path -> "arn:" + stack.getPartition() + ":apigateway:"
                                        + stack.getRegion() + "::" + path).toList())
                                .build()))
                .build();
        policy.attachToRole(function.getFunction().getRole());
        Guardrails.acknowledge(policy, "AwsSolutions-IAM5[Resource::*]", "Drift detection reads every resource of the"
                + " stacks with the caller's permissions: read-only describe actions, named one by one; and"
                + " DescribeStackDriftDetectionStatus has no resource-level permissions.");
        Guardrails.acknowledge(policy, "AwsSolutions-IAM5[Resource::" + Guardrails.findingArn(stack, "lambda", true,
                "function:*") + "]", "Function reads (code location, environment) only on functions tagged"
                + " aws:cloudformation:stack-name with a checked stack: the condition, not the ARN, scopes them.");
        for (String path : List.of("/restapis/*", "/domainnames/*")) {
            Guardrails.acknowledge(policy, "AwsSolutions-IAM5[Resource::"
                    + Guardrails.findingArnWithoutAccount(stack, "apigateway", path) + "]", "apigateway:GET on the"
                    + " stacks' REST APIs and domain names, whose ids are assigned at creation; never on API keys.");
        }
        for (String name : stackNames) {
            Guardrails.acknowledge(policy, "AwsSolutions-IAM5[Resource::"
                    + Guardrails.findingArn(stack, "cloudformation", true, "stack/" + name + "/*") + "]", "A stack's ARN ends in an id CloudFormation"
                    + " assigns at creation; the wildcard stands for that id of the named stack only.");
        }
    }

    /** @return the drift-checking function */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /** @return where schedule events go that failed after every retry */
    public IQueue getFailureQueue() {
        return failures.getQueue();
    }

    /** @return the schedule rule */
    public Rule getSchedule() {
        return schedule;
    }
}
