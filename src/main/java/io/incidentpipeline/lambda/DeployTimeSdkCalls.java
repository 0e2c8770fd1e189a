package io.incidentpipeline.lambda;

import io.incidentpipeline.guardrails.Guardrails;
import java.util.List;
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
                .onUpdate(onUpdate)
                .onDelete(onDelete)
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
}
