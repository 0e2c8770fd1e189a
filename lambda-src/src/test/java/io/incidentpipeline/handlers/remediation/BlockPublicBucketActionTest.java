package io.incidentpipeline.handlers.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.playbook.PlaybookResult;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The bucket playbook against a real S3 client and a fake S3. */
class BlockPublicBucketActionTest {
    private static final String BUCKET = "orders-exports";
    private static final Map<String, Boolean> ALL_ON = Map.of("BlockPublicAcls", true, "IgnorePublicAcls", true,
            "BlockPublicPolicy", true, "RestrictPublicBuckets", true);

    private final FakeS3 fake = new FakeS3();
    private final S3Client s3 = S3Client.builder()
            .endpointOverride(fake.endpoint())
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    private final BlockPublicBucketAction action = new BlockPublicBucketAction(s3, Incidents.ACCOUNT);

    @AfterEach
    void stop() {
        s3.close();
        fake.close();
    }

    @Test
    void shouldTurnOnAllFourSettings_whenTheBucketHasNoConfiguration() {
        fake.addBucket(BUCKET);

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("s3Bucket", BUCKET)), false);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.changes()).containsExactly(
                "bucket orders-exports: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets → true");
        assertThat(fake.settings(BUCKET)).isEqualTo(ALL_ON);
        assertThat(fake.requests()).containsExactly("GET /orders-exports?tagging", "GET /orders-exports?publicAccessBlock",
                "PUT /orders-exports?publicAccessBlock");
    }

    @Test
    void shouldNameOnlyTheSettingsThatWereOff_andPutAllFour() {
        fake.addBucket(BUCKET, true, true, false, false);

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("s3Bucket", BUCKET)), false);

        assertThat(result.changes()).containsExactly("bucket orders-exports: BlockPublicPolicy, RestrictPublicBuckets → true");
        assertThat(result.summary()).contains("2 of the 4");
        assertThat(fake.putBodies()).singleElement().satisfies(body -> assertThat(body)
                .contains("<BlockPublicAcls>true</BlockPublicAcls>", "<IgnorePublicAcls>true</IgnorePublicAcls>",
                        "<BlockPublicPolicy>true</BlockPublicPolicy>", "<RestrictPublicBuckets>true</RestrictPublicBuckets>"));
        assertThat(fake.settings(BUCKET)).isEqualTo(ALL_ON);
    }

    @Test
    void shouldOnlyReadAndReportTheChange_inADryRun() {
        fake.addBucket(BUCKET, false, true, true, true);

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("s3Bucket", BUCKET)), true);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).startsWith("Dry run: would turn on 1 of the 4");
        assertThat(result.changes()).containsExactly("bucket orders-exports: BlockPublicAcls → true");
        assertThat(fake.requests()).containsExactly("GET /orders-exports?tagging", "GET /orders-exports?publicAccessBlock");
        assertThat(fake.settings(BUCKET)).containsEntry("BlockPublicAcls", false);
    }

    @Test
    void shouldSucceedWithNoChange_whenTheBucketAlreadyBlocksAllPublicAccess() {
        fake.addBucket(BUCKET, true, true, true, true);

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("s3Bucket", BUCKET)), false);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.changes()).isEmpty();
        assertThat(result.summary()).contains("already blocks all public access");
        assertThat(fake.putBodies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:s3:::orders-exports", "arn:aws-cn:s3:::orders-exports",
            "arn:aws-us-gov:s3:::orders-exports"})
    void shouldFindTheBucketInAnS3ResourceArn(String arn) {
        fake.addBucket(BUCKET);

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("resourceArn", arn)), false);

        assertThat(result.succeeded()).isTrue();
        assertThat(fake.settings(BUCKET)).isEqualTo(ALL_ON);
    }

    @Test
    void shouldFailSayingWhichLabelsAreMissing_whenTheIncidentNamesNoBucket() {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("team", "storage")), false);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains(Incidents.ID, "s3Bucket", "resourceArn", "GuardDuty", "Security Hub");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void shouldFail_whenTheResourceArnIsNotABucket() {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("resourceArn",
                "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0")), false);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("is not a bucket ARN");
        assertThat(fake.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Orders-Exports", "ab", "orders_exports", "-orders", "orders-", "orders..exports",
            "../orders", "orders/exports", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void shouldFailBeforeAnyCall_whenTheBucketNameIsMalformed(String name) {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("s3Bucket", name)), false);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("'" + name + "'", "not a valid S3 bucket name");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void shouldLetS3sErrorPropagate_whenTheBucketDoesNotExist() {
        assertThatThrownBy(() -> action.run(Incidents.withLabels(Map.of("s3Bucket", "no-such-bucket")), false))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
    }

    @Test
    void shouldSkipWithoutChangingIt_whenTheBucketIsTaggedOptedOut() {
        fake.addBucket(BUCKET);
        fake.tag(BUCKET, "team", "web");
        fake.tag(BUCKET, "incident-pipeline:remediation", "off");

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("s3Bucket", BUCKET)), false);

        assertThat(result.outcome()).isEqualTo(PlaybookResult.Outcome.SKIPPED);
        assertThat(result.summary()).contains("tagged incident-pipeline:remediation=off", "Nothing was changed");
        assertThat(fake.requests()).containsExactly("GET /orders-exports?tagging");
        assertThat(fake.settings(BUCKET)).isEmpty();
    }

    @Test
    void shouldActOnATaggedBucket_whenTheOptOutTagSaysAnythingButOff() {
        fake.addBucket(BUCKET);
        fake.tag(BUCKET, "incident-pipeline:remediation", "on");

        assertThat(action.run(Incidents.withLabels(Map.of("s3Bucket", BUCKET)), false).succeeded()).isTrue();
        assertThat(fake.settings(BUCKET)).isEqualTo(ALL_ON);
    }

    @Test
    void shouldNeverChangeABucketOfAnotherAccount_becauseEveryCallNamesTheExpectedOwner() {
        fake.addBucket(BUCKET);
        fake.owner(BUCKET, "999999999999");

        assertThatThrownBy(() -> action.run(Incidents.withLabels(Map.of("s3Bucket", BUCKET)), false))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        assertThat(fake.putBodies()).isEmpty();
        assertThat(fake.settings(BUCKET)).isEmpty();
    }
}
