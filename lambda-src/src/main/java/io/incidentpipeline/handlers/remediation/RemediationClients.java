package io.incidentpipeline.handlers.remediation;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The clients of the remediations, built once per function instance and only those a function
 * asks for, configured like {@code AwsClients}: region, credentials and endpoints from the SDK's
 * standard settings alone.
 */
public final class RemediationClients {
    // The URLConnection client, shared; read timeouts longer than the intake's, as nothing here
    // answers a caller waiting on an HTTP response.
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(10))
            .build();
    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(Duration.ofSeconds(10))
            .apiCallTimeout(Duration.ofSeconds(30))
            .build();

    private RemediationClients() {
    }

    /**
     * @return the S3 client of this region: a bucket of another region is not followed (S3 answers
     *         with a redirect, which fails the run), as the playbooks act in their own region only
     */
    public static S3Client s3() {
        return S3.CLIENT;
    }

    /** @return the CloudFormation client */
    public static CloudFormationClient cloudFormation() {
        return CloudFormation.CLIENT;
    }

    /** @return EC2's security group rules, through the Query API client */
    public static SecurityGroupRules securityGroupRules() {
        return Ec2.CLIENT;
    }

    // Holder classes: a client is built the first time its function asks for it.
    private static final class S3 {
        static final S3Client CLIENT = S3Client.builder().httpClient(HTTP).overrideConfiguration(TIMEOUTS)
                .build();
    }

    private static final class CloudFormation {
        static final CloudFormationClient CLIENT =
                CloudFormationClient.builder().httpClient(HTTP).overrideConfiguration(TIMEOUTS).build();
    }

    private static final class Ec2 {
        static final SecurityGroupRules CLIENT = Ec2QueryClient.fromEnvironment(HTTP);
    }
}
