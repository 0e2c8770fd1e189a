package io.incidentpipeline.lambda;

import io.incidentpipeline.guardrails.Guardrails;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One of the pipeline's Java handlers with the defaults every one of them shares: Java 21 on arm64
 * (20% cheaper per GB-second than x86), SnapStart on a published version behind the alias
 * {@code live}, JSON logs into a log group with a set retention, active X-Ray tracing, and a role
 * that holds only what is granted to it (no AWS managed policies).
 *
 * <p>Internal building block of the pipeline's constructs.
 */
public final class JavaHandlerFunction extends Construct implements IGrantable {
    /** The alias every trigger invokes: SnapStart snapshots exist only for published versions. */
    public static final String ALIAS_NAME = "live";
    /** Why a function whose failed asynchronous invocations go to an on-failure destination needs no DLQ. */
    public static final String ON_FAILURE_DESTINATION_REASON = "Failed asynchronous invocations go to an on-failure"
            + " destination, which keeps the event with the error; a DLQ as well would hold a second, poorer copy"
            + " of each failure.";

    private final Function function;
    private final Alias alias;
    private final LogGroup logGroup;

    /**
     * Creates the function with its own log group and role.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code handler} is required
     */
    public JavaHandlerFunction(Construct scope, String id, JavaHandlerFunctionProps props) {
        super(scope, id);
        String description = props.getDescription();
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(props.getLogRetention())
                .removalPolicy(props.getLogRemovalPolicy())
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description + " (execution role)")
                .build();
        logGroup.grantWrite(role);
        function = Function.Builder.create(this, "Resource")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(HandlerCode.of(HandlerJar.forHandler(props.getHandler())))
                .handler(props.getHandler())
                .description(description)
                .memorySize(props.getMemorySize())
                .timeout(props.getTimeout())
                .environment(props.getEnvironment())
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                // Lambda's per-invocation start/report lines would double the log bill at volume;
                // duration, errors and throttles are CloudWatch metrics anyway.
                .systemLogLevelV2(SystemLogLevel.WARN)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        if (props.getUntracedReason() == null) {
            enableTracing(role);
        } else {
            Guardrails.acknowledge(function, "Serverless-LambdaTracing", props.getUntracedReason());
        }
        // CDK warns on every SnapStart function; this one is only ever invoked through a published version.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Invoked only through the alias on the current published version, where SnapStart applies.");
        alias = Alias.Builder.create(this, "Alias").aliasName(ALIAS_NAME).version(function.getCurrentVersion()).build();
        String runtimeReason = "Pinned to Java 21 (LTS): the runtime the handlers are built, tested and benchmarked"
                + " for. Moving to a newer Java runtime is a measured change (cold start, SnapStart), not an automatic one.";
        Guardrails.acknowledge(function, "AwsSolutions-L1", runtimeReason);
        Guardrails.acknowledge(function, "Serverless-LambdaLatestVersion", runtimeReason);
    }

    /**
     * Active tracing set on the function itself, with the X-Ray write permission in a policy of
     * its own: X-Ray has no resource-level permissions, and keeping its {@code Resource::*} apart
     * lets the acknowledgment cover exactly that statement and nothing granted later.
     */
    private void enableTracing(Role role) {
        ((CfnFunction) function.getNode().getDefaultChild()).setTracingConfig(
                CfnFunction.TracingConfigProperty.builder().mode("Active").build());
        Policy xray = Policy.Builder.create(this, "TracingPolicy")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))
                        .resources(List.of("*"))
                        .build()))
                .build();
        xray.attachToRole(role);
        Guardrails.acknowledge(xray, "AwsSolutions-IAM5[Resource::*]", "X-Ray PutTraceSegments and"
                + " PutTelemetryRecords support no resource-level permissions; this policy holds only those two actions.");
    }

    /**
     * For a function invoked asynchronously (EventBridge, SNS): Lambda retries a failed invocation
     * {@code retryAttempts} times within {@code maxEventAge}, then sends it with its error to
     * {@code failures}, an on-failure destination (which keeps more than a DLQ would, so no DLQ too).
     *
     * @param failures the on-failure destination
     * @param retryAttempts retries after the first attempt, 0 to 2
     * @param maxEventAge how long Lambda keeps trying, 1 minute to 6 hours
     */
    public void sendFailedAsyncInvocationsTo(IQueue failures, int retryAttempts, Duration maxEventAge) {
        alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(retryAttempts)
                .maxEventAge(maxEventAge)
                .onFailure(new SqsDestination(failures))
                .build());
        Guardrails.acknowledge(function, "Serverless-LambdaDLQ", ON_FAILURE_DESTINATION_REASON);
    }

    /** @return the function; invoke {@link #getAlias()} instead so SnapStart applies */
    public Function getFunction() {
        return function;
    }

    /** @return the {@code live} alias on the current published version: what triggers invoke */
    public IFunction getAlias() {
        return alias;
    }

    /** @return the function's log group */
    public LogGroup getLogGroup() {
        return logGroup;
    }

    @Override
    public IPrincipal getGrantPrincipal() {
        return function.getGrantPrincipal();
    }
}
