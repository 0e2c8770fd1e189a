package io.incidentpipeline.handlers.common;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS clients of the handlers, built once per function instance, at init, where SnapStart
 * snapshots them, and only those a handler asks for.
 *
 * <p>Region, credentials and endpoints come from the SDK's standard settings alone
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_DYNAMODB}, or the system
 * properties {@code aws.region}, {@code aws.endpointUrl}, {@code aws.endpointUrlDynamoDb}, …), so
 * the jar that deploys runs unchanged against a local engine.
 */
public final class AwsClients {
    // The URLConnection client: the smallest jar and a fast cold start; one instance serves every
    // service client (the SDK does not close a client it was given).
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(5))
            .build();
    // Bounded below the ingest function's 10 s timeout, so a handler still answers (503) when a service hangs.
    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(Duration.ofSeconds(3))
            .apiCallTimeout(Duration.ofSeconds(6))
            .build();

    private AwsClients() {
    }

    /** @return the DynamoDB client */
    public static DynamoDbClient dynamoDb() {
        return DynamoDb.CLIENT;
    }

    /** @return the EventBridge client */
    public static EventBridgeClient eventBridge() {
        return EventBridge.CLIENT;
    }

    /** @return the Secrets Manager client */
    public static SecretsManagerClient secretsManager() {
        return SecretsManager.CLIENT;
    }

    // Holder classes: a client is built the first time its handler asks for it, never for a
    // handler that does not use it.
    private static final class DynamoDb {
        static final DynamoDbClient CLIENT =
                DynamoDbClient.builder().httpClient(HTTP).overrideConfiguration(TIMEOUTS).build();
    }

    private static final class EventBridge {
        static final EventBridgeClient CLIENT =
                EventBridgeClient.builder().httpClient(HTTP).overrideConfiguration(TIMEOUTS).build();
    }

    private static final class SecretsManager {
        static final SecretsManagerClient CLIENT =
                SecretsManagerClient.builder().httpClient(HTTP).overrideConfiguration(TIMEOUTS).build();
    }
}
