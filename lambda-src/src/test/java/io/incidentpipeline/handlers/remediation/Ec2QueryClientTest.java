package io.incidentpipeline.handlers.remediation;

import static io.incidentpipeline.handlers.remediation.RevokeOpenIngressActionTest.GROUP;
import static io.incidentpipeline.handlers.remediation.RevokeOpenIngressActionTest.ingress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The hand-written EC2 Query API client: what it sends, and how it reads EC2's answers and errors. */
class Ec2QueryClientTest {
    private final FakeEc2 fake = new FakeEc2();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final Ec2QueryClient client = new Ec2QueryClient(http, fake.endpoint(), Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));

    @AfterEach
    void stop() {
        http.close();
        fake.close();
    }

    @Test
    void shouldSendTheDocumentedFormParameters_signedWithSigV4ForEc2() {
        client.describe(GROUP);

        assertThat(fake.calls()).containsExactly(Map.of("Action", "DescribeSecurityGroupRules", "Version", "2016-11-15",
                "Filter.1.Name", "group-id", "Filter.1.Value.1", GROUP));
        assertThat(fake.headers()).singleElement().satisfies(headers -> {
            assertThat(headers.getFirst("Content-Type")).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
            assertThat(headers.getFirst("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
            assertThat(headers.getFirst("Authorization")).matches("AWS4-HMAC-SHA256 Credential=AKIDTEST/\\d{8}/us-east-1/ec2"
                    + "/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}");
        });
    }

    @Test
    void shouldSendTheSessionToken_whenTheCredentialsAreTemporary() {
        Ec2QueryClient temporary = new Ec2QueryClient(http, fake.endpoint(), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIATEST", "secret", "session-token")));

        temporary.describe(GROUP);

        assertThat(fake.headers()).singleElement()
                .satisfies(headers -> assertThat(headers.getFirst("X-Amz-Security-Token")).isEqualTo("session-token"));
    }

    @Test
    void shouldReadEveryFieldOfARule() {
        fake.add(new SecurityGroupRule("sgr-0aaa0000000000001", GROUP, false, "tcp", 80, 8080, null, null, null,
                        "sg-0fedcba9876543210"),
                new SecurityGroupRule("sgr-0aaa0000000000002", GROUP, true, "icmpv6", -1, -1, null, "::/0", null, null),
                new SecurityGroupRule("sgr-0aaa0000000000003", GROUP, false, "udp", 53, 53, null, null, "pl-63a5400a", null));

        assertThat(client.describe(GROUP)).containsExactly(
                new SecurityGroupRule("sgr-0aaa0000000000001", GROUP, false, "tcp", 80, 8080, null, null, null,
                        "sg-0fedcba9876543210"),
                new SecurityGroupRule("sgr-0aaa0000000000002", GROUP, true, "icmpv6", -1, -1, null, "::/0", null, null),
                new SecurityGroupRule("sgr-0aaa0000000000003", GROUP, false, "udp", 53, 53, null, null, "pl-63a5400a", null));
    }

    @Test
    void shouldTreatARuleAlreadyGoneAsRevoked_andStillRevokeTheOthers() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"));

        client.revokeIngress(GROUP, List.of("sgr-0dead000000000000", "sgr-0aaa0000000000001"));

        assertThat(fake.ruleIds()).isEmpty();
        assertThat(fake.calls("RevokeSecurityGroupIngress")).extracting(call -> call.get("SecurityGroupRuleId.1"))
                .containsExactly("sgr-0dead000000000000", "sgr-0dead000000000000", "sgr-0aaa0000000000001");
    }

    @Test
    void shouldSurfaceEc2sErrorWithItsCode() {
        fake.failNextCall(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

        assertThatThrownBy(() -> client.describe(GROUP))
                .isInstanceOf(AwsServiceException.class)
                .hasMessageContaining("EC2 DescribeSecurityGroupRules failed with UnauthorizedOperation: You are not"
                        + " authorized to perform this operation.")
                .satisfies(e -> {
                    AwsServiceException error = (AwsServiceException) e;
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(error.statusCode()).isEqualTo(403);
                    assertThat(error.requestId()).isEqualTo("ea966190-f9aa-478e-9ede-cb5432daacc0");
                });
    }

    @Test
    void shouldSurfaceAnErrorOtherThanRuleNotFound_onRevoke() {
        fake.failNextCall(400, "InvalidGroup.NotFound", "The security group '" + GROUP + "' does not exist");

        assertThatThrownBy(() -> client.revokeIngress(GROUP, List.of("sgr-0aaa0000000000001")))
                .isInstanceOf(AwsServiceException.class)
                .hasMessageContaining("InvalidGroup.NotFound");
    }

    @Test
    void shouldSayWhatCameBack_whenTheAnswerIsNotEc2s() {
        fake.answerNextCall(502, "text/html", "<html><body>Bad Gateway</body></html>");

        assertThatThrownBy(() -> client.describe(GROUP))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 502 and no EC2 error code");
    }

    @Test
    void shouldRefuseADocumentType_soNoExternalEntityIsRead() {
        fake.answerNextCall(200, "text/xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<DescribeSecurityGroupRulesResponse><securityGroupRuleSet><item><securityGroupRuleId>&x;"
                + "</securityGroupRuleId></item></securityGroupRuleSet></DescribeSecurityGroupRulesResponse>");

        assertThatThrownBy(() -> client.describe(GROUP))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldUseTheStandardEndpointSettings_beforeTheRegionsEndpoint() {
        Map<String, String> none = Map.of();
        assertThat(Ec2Query.endpoint(none::get, none::get, Region.US_EAST_1))
                .isEqualTo(URI.create("https://ec2.us-east-1.amazonaws.com/"));
        assertThat(Ec2Query.endpoint(none::get, none::get, Region.CN_NORTH_1))
                .isEqualTo(URI.create("https://ec2.cn-north-1.amazonaws.com.cn/"));
        Map<String, String> global = Map.of("AWS_ENDPOINT_URL", "http://localhost:4566");
        assertThat(Ec2Query.endpoint(none::get, global::get, Region.US_EAST_1))
                .isEqualTo(URI.create("http://localhost:4566"));
        Map<String, String> ec2 = Map.of("aws.endpointUrlEc2", "http://127.0.0.1:9999");
        assertThat(Ec2Query.endpoint(ec2::get, global::get, Region.US_EAST_1))
                .isEqualTo(URI.create("http://127.0.0.1:9999"));
    }
}
