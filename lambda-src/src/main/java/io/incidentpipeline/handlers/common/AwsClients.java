package io.incidentpipeline.handlers.common;

import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

    /**
     * @return a client of another service, built with the same HTTP client and timeouts, e.g.
     *         {@code AwsClients.configured(EventBridgeClient.builder())}. Only the handlers that
     *         use a service build its client, so only their jar carries it.
     */
    public static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C configured(B builder) {
        return builder.httpClient(HTTP).overrideConfiguration(TIMEOUTS).build();
    }

    // A holder class: the client is built the first time a handler asks for it.
    private static final class DynamoDb {
        static final DynamoDbClient CLIENT = configured(DynamoDbClient.builder());
    }
}
