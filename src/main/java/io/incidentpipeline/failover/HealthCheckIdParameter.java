package io.incidentpipeline.failover;

import io.incidentpipeline.lambda.DeployTimeSdkCalls;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.route53.HealthCheck;
import software.amazon.awscdk.services.route53.IHealthCheck;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Hands a region's Route 53 health-check id to the us-east-1 stack that alarms on it (Route 53
 * publishes its metrics there only), through an SSM parameter in us-east-1 that the region's stack
 * writes at deploy time and the alarm stack reads as a CloudFormation SSM parameter.
 *
 * <p>It replaces CDK's cross-region references, whose provider functions log to groups that never
 * expire and which no library hook can reach. The parameter is rewritten whenever the health check
 * is replaced; the alarm stack reads it when it deploys (deploy it after the regions, as
 * {@code cdk deploy --all} does).
 */
public final class HealthCheckIdParameter extends Construct {
    /**
     * @param stage the stage's name
     * @param region the region whose health check it is
     * @return the parameter's name for {@code region}'s health check of {@code stage}
     */
    public static String parameterName(String stage, String region) {
        return "/incident-pipeline/" + stage + "/health-check-id/" + region;
    }

    /**
     * Writes {@code healthCheck}'s id to the parameter {@code name} in {@link HealthCheckAlarms#METRICS_REGION}.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param healthCheck the health check whose id is written
     * @param name the parameter's name, from {@link #parameterName}
     */
    public HealthCheckIdParameter(Construct scope, String id, IHealthCheck healthCheck, String name) {
        super(scope, id);
        String arn = Stack.of(this).formatArn(ArnComponents.builder().service("ssm")
                .region(HealthCheckAlarms.METRICS_REGION).resource("parameter").resourceName(name.substring(1)).build());
        DeployTimeSdkCalls.call(this, "Resource", "the health check id handed to the us-east-1 alarms",
                AwsSdkCall.builder()
                        .service("SSM").action("putParameter").region(HealthCheckAlarms.METRICS_REGION)
                        .parameters(Map.of("Name", name, "Value", healthCheck.getHealthCheckId(), "Type", "String",
                                "Overwrite", true))
                        .physicalResourceId(PhysicalResourceId.of(name))
                        .build(),
                AwsSdkCall.builder()
                        .service("SSM").action("deleteParameter").region(HealthCheckAlarms.METRICS_REGION)
                        .parameters(Map.of("Name", name))
                        .ignoreErrorCodesMatching("ParameterNotFound")
                        .build(),
                List.of(arn));
    }

    /**
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param name the parameter's name, from {@link #parameterName}
     * @return the health check whose id a region wrote to {@code name}, read in a us-east-1 stack at deploy time
     */
    public static IHealthCheck read(Construct scope, String id, String name) {
        return HealthCheck.fromHealthCheckId(scope, id, StringParameter.valueForStringParameter(scope, name));
    }
}
