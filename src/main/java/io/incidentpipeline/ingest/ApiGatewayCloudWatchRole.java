package io.incidentpipeline.ingest;

import io.incidentpipeline.guardrails.Guardrails;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * API Gateway's account-level setting for one region: the IAM role API Gateway uses to write access
 * and execution logs to CloudWatch Logs ({@code AWS::ApiGateway::Account}). Every REST API of the
 * account and region with logging needs it; it is not part of any one API.
 *
 * <p>Create it once per account and region (the app does so in its stage-independent stack
 * {@code IncidentPipeline-apigateway-account-<region>}), or not at all where a platform stack or
 * {@code aws apigateway update-account} already manages it. Both resources are retained when their
 * stack is deleted: other APIs of the account keep logging.
 */
public final class ApiGatewayCloudWatchRole extends Construct {
    private final Role role;

    /**
     * Creates the role and the account setting that names it (both retained on stack deletion).
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     */
    public ApiGatewayCloudWatchRole(Construct scope, String id) {
        super(scope, id);
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("Lets API Gateway write the access and execution logs of this account's APIs in this region")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AmazonAPIGatewayPushToCloudWatchLogs")))
                .build();
        role.applyRemovalPolicy(RemovalPolicy.RETAIN);
        Guardrails.acknowledge(role, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                + "AmazonAPIGatewayPushToCloudWatchLogs]", "The account-wide role API Gateway needs to write access"
                + " and execution logs; AWS maintains this policy's log actions for that one purpose.");
        CfnAccount account = CfnAccount.Builder.create(this, "Resource").cloudWatchRoleArn(role.getRoleArn()).build();
        account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    /** @return the role API Gateway assumes to write logs */
    public Role getRole() {
        return role;
    }
}
