package io.incidentpipeline.handlers.packaging;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One real call of a service client, made from inside a deployable jar's class loader by
 * {@link ShadedJarsIT}: the SDK's whole request path (marshalling, signing, interceptors, the HTTP
 * client, error parsing) runs with the jar's classes only. A class the jar lacks fails with a
 * {@link LinkageError}; the service's answer (an error from the probe's endpoint) does not matter.
 */
public final class ClientProbe {
    private ClientProbe() {
    }

    /**
     * @param service  {@code dynamodb}, {@code secretsmanager}, {@code eventbridge}, {@code s3} or {@code cloudformation}
     * @param endpoint where the call goes
     * @return the class of what the call returned or threw
     */
    public static String call(String service, String endpoint) {
        URI uri = URI.create(endpoint);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("probe", "probe"));
        try {
            Object answer = switch (service) {
                case "dynamodb" -> DynamoDbClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build().listTables();
                case "secretsmanager" -> SecretsManagerClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()
                        .getSecretValue(b -> b.secretId("probe"));
                case "eventbridge" -> EventBridgeClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()
                        .describeEventBus(b -> b.name("probe"));
                case "s3" -> S3Client.builder().endpointOverride(uri).forcePathStyle(true).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()
                        .getPublicAccessBlock(b -> b.bucket("probe"));
                case "cloudformation" -> CloudFormationClient.builder().endpointOverride(uri).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()
                        .detectStackDrift(b -> b.stackName("probe"));
                default -> throw new IllegalArgumentException(service);
            };
            return answer.getClass().getSimpleName();
        } catch (RuntimeException serviceOrNetworkError) {
            return serviceOrNetworkError.getClass().getSimpleName();
        }
    }
}
