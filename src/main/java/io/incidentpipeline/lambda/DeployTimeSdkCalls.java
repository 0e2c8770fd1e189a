package io.incidentpipeline.lambda;

import io.incidentpipeline.guardrails.Guardrails;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * AWS SDK calls CloudFormation makes at deploy time ({@link AwsCustomResource}), all of a stack's on
 * one provider function with one role of its own (not the default, which carries an AWS managed
 * policy) and one log group that expires (not the one Lambda would create, which never does).
 */
public final class DeployTimeSdkCalls {
    private static final String ROLE_ID = "DeployTimeSdkCallsRole";
    private static final String LOGS_ID = "DeployTimeSdkCallsLogs";

    private DeployTimeSdkCalls() {
    }

    /**
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param purpose    what the calls are for, for the role's description and the audit trail
     * @param onUpdate   the call made on create and update
     * @param onDelete   the call made when the resource is deleted, or null
     * @param resources  the ARNs the calls act on (their IAM actions are derived from the calls)
     * @return the custom resource that makes the calls
     */
    public static AwsCustomResource call(Construct scope, String id, String purpose, AwsSdkCall onUpdate,
            AwsSdkCall onDelete, List<String> resources) {
        Stack stack = Stack.of(scope);
        Role role = (Role) stack.getNode().tryFindChild(ROLE_ID);
        LogGroup logs = (LogGroup) stack.getNode().tryFindChild(LOGS_ID);
        boolean first = role == null;
        if (first) {
            logs = LogGroup.Builder.create(stack, LOGS_ID)
                    .retention(RetentionDays.ONE_MONTH)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            role = Role.Builder.create(stack, ROLE_ID)
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("Makes the AWS SDK calls of this stack's deployments")
                    .build();
            logs.grantWrite(role);
        }
        AwsCustomResource resource = AwsCustomResource.Builder.create(scope, id)
                .role(role)
                .memorySize(256)
                .onUpdate(sortedParameters(onUpdate))
                .onDelete(sortedParameters(onDelete))
                .policy(AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder().resources(resources).build()))
                .installLatestAwsSdk(false)
                .logGroup(logs)
                .build();
        if (first) {
            IConstruct provider = stack.getNode().findChild("AWS" + AwsCustomResource.PROVIDER_FUNCTION_UUID.replace("-", ""));
            String reason = "CDK's AwsCustomResource provider, invoked by CloudFormation only during a deployment (" + purpose
                    + "); a failure fails and rolls back the deployment, there is no event to keep or trace.";
            Guardrails.acknowledge(provider, "Serverless-LambdaDLQ", reason);
            Guardrails.acknowledge(provider, "Serverless-LambdaTracing", reason);
        }
        return resource;
    }

    /**
     * The call with its parameters' maps sorted by key, at every depth. The call is rendered into the
     * template as a JSON string, and the iteration order of {@code Map.of} changes from one JVM to the
     * next: unsorted, a rebuild would change the string and update the resource on every deploy.
     */
    private static AwsSdkCall sortedParameters(AwsSdkCall call) {
        if (call == null || call.getParameters() == null) {
            return call;
        }
        return AwsSdkCall.builder()
                .service(call.getService())
                .action(call.getAction())
                .region(call.getRegion())
                .apiVersion(call.getApiVersion())
                .assumedRoleArn(call.getAssumedRoleArn())
                .externalId(call.getExternalId())
                .outputPaths(call.getOutputPaths())
                .physicalResourceId(call.getPhysicalResourceId())
                .ignoreErrorCodesMatching(call.getIgnoreErrorCodesMatching())
                .logging(call.getLogging())
                .parameters(sorted(call.getParameters()))
                .build();
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, entry) -> sorted.put(String.valueOf(key), sorted(entry)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeployTimeSdkCalls::sorted).toList();
        }
        return value;
    }
}
