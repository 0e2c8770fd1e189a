package io.incidentpipeline.app;

import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.ingest.ApiGatewayCloudWatchRole;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * API Gateway's account-level logging role for one region, in a stack named
 * {@code IncidentPipeline-apigateway-account-<region>} that does not carry the stage: every stage (and
 * every Incident Pipeline app) of an account deploys the same stack, so the setting is created once
 * and never fought over. Its resources are retained if the stack is deleted.
 */
public final class ApiGatewayAccountStack extends Stack {
    /**
     * @param region a region of the stage
     * @return the stack's name in {@code region}
     */
    public static String nameIn(String region) {
        return "IncidentPipeline-apigateway-account-" + region;
    }

    /**
     * Creates the account's API Gateway logging setting in one region.
     *
     * @param scope the app
     * @param config the stage's configuration (its account)
     * @param region the region
     */
    public ApiGatewayAccountStack(Construct scope, PipelineConfig config, String region) {
        super(scope, nameIn(region), StackProps.builder()
                .env(Environment.builder().account(config.getAccount().orElse(null)).region(region).build())
                .description("Incident Pipeline: API Gateway's CloudWatch Logs role for this account and region,"
                        + " shared by every stage")
                .build());
        new ApiGatewayCloudWatchRole(this, "ApiGatewayLogging");
    }
}
