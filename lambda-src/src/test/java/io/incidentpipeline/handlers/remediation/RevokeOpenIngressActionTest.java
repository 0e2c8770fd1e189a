package io.incidentpipeline.handlers.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.playbook.PlaybookResult;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The security-group playbook through {@link Ec2QueryClient}, against a fake EC2: scope, opt-out, account and region. */
class RevokeOpenIngressActionTest {
    static final String GROUP = "sg-0123456789abcdef0";
    private static final String OTHER_GROUP = "sg-0fedcba9876543210";

    private final FakeEc2 fake = new FakeEc2();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final RevokeOpenIngressAction action = action(Set.of(80, 443));

    @AfterEach
    void stop() {
        http.close();
        fake.close();
    }

    static SecurityGroupRule ingress(String ruleId, String protocol, int from, int to, String cidr) {
        return new SecurityGroupRule(ruleId, GROUP, false, protocol, from, to, cidr.contains(":") ? null : cidr,
                cidr.contains(":") ? cidr : null, null, null);
    }

    private RevokeOpenIngressAction action(Set<Integer> publicPorts) {
        return new RevokeOpenIngressAction(new Ec2QueryClient(http, fake.endpoint(), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))), Incidents.ACCOUNT,
                publicPorts);
    }

    @Test
    void shouldRevokeTheWorldOpenRulesOutsideThePublicPorts_whenTheFindingNamesNoPort() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"),
                ingress("sgr-0ddd0000000000002", "tcp", 443, 443, "::/0"),
                ingress("sgr-0ddd0000000000003", "-1", -1, -1, "0.0.0.0/0"),
                ingress("sgr-0aaa000000000000a", "icmpv6", 128, -1, "::/0"),
                ingress("sgr-0ddd000000000000b", "tcp", 0, 65535, "0.0.0.0/0"),
                ingress("sgr-0bbb0000000000004", "tcp", 5432, 5432, "10.0.0.0/16"),
                new SecurityGroupRule("sgr-0bbb0000000000005", GROUP, true, "-1", -1, -1, "0.0.0.0/0", null, null, null),
                new SecurityGroupRule("sgr-0bbb0000000000006", GROUP, true, "-1", -1, -1, null, "::/0", null, null),
                new SecurityGroupRule("sgr-0bbb0000000000007", GROUP, false, "tcp", 80, 80, null, null, null, OTHER_GROUP),
                new SecurityGroupRule("sgr-0bbb0000000000008", GROUP, false, "tcp", 80, 80, null, null, "pl-63a5400a", null),
                new SecurityGroupRule("sgr-0ccc0000000000009", OTHER_GROUP, false, "tcp", 22, 22, "0.0.0.0/0", null, null,
                        null));

        PlaybookResult result = action.run(Incidents.ofControl("EC2.19", Map.of("securityGroupId", GROUP)), false);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).contains("Revoked 2 inbound rule(s) of security group " + GROUP,
                "outside the public ports [80, 443]", "Left alone", "sgr-0ddd0000000000002", "sgr-0ddd0000000000003",
                "sgr-0ddd000000000000b");
        assertThat(result.changes()).containsExactly("revoke sgr-0aaa0000000000001: tcp 22-22 from 0.0.0.0/0",
                "revoke sgr-0aaa000000000000a: icmpv6 type 128 code -1 from ::/0");
        assertThat(fake.ruleIds()).doesNotContain("sgr-0aaa0000000000001", "sgr-0aaa000000000000a").hasSize(9);
        assertThat(fake.calls("RevokeSecurityGroupIngress")).containsExactly(Map.of("Action", "RevokeSecurityGroupIngress",
                "Version", "2016-11-15", "GroupId", GROUP, "SecurityGroupRuleId.1", "sgr-0aaa0000000000001",
                "SecurityGroupRuleId.2", "sgr-0aaa000000000000a"));
    }

    @Test
    void shouldRevokeOnlyTheRulesOfThePortAPortProbeNames_andLeaveOtherWorldOpenPorts() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"),
                ingress("sgr-0aaa0000000000002", "6", 20, 23, "::/0"),
                ingress("sgr-0bbb0000000000003", "tcp", 3389, 3389, "0.0.0.0/0"),
                ingress("sgr-0bbb0000000000004", "udp", 22, 22, "0.0.0.0/0"),
                ingress("sgr-0ddd0000000000005", "tcp", 0, 65535, "0.0.0.0/0"));

        PlaybookResult result = action.run(Incidents.ofGuardDuty("Recon:EC2/PortProbeUnprotectedPort",
                Map.of("securityGroupId", GROUP, "findingPorts", "tcp/22")), false);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.changes()).containsExactly("revoke sgr-0aaa0000000000001: tcp 22-22 from 0.0.0.0/0",
                "revoke sgr-0aaa0000000000002: 6 20-23 from ::/0");
        assertThat(result.summary()).contains("opening tcp/22 to the world", "Left alone", "sgr-0ddd0000000000005");
        assertThat(fake.ruleIds()).containsExactly("sgr-0bbb0000000000003", "sgr-0bbb0000000000004",
                "sgr-0ddd0000000000005");
    }

    @Test
    void shouldRevokeOnlyPort22_forControlEc2Dot13() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"),
                ingress("sgr-0bbb0000000000003", "tcp", 3389, 3389, "0.0.0.0/0"));

        PlaybookResult result = action.run(Incidents.ofControl("EC2.13", Map.of("securityGroupId", GROUP)), false);

        assertThat(result.changes()).containsExactly("revoke sgr-0aaa0000000000001: tcp 22-22 from 0.0.0.0/0");
        assertThat(fake.ruleIds()).containsExactly("sgr-0bbb0000000000003");
    }

    @Test
    void shouldSkip_whenThePortTheFindingNamesIsAPublicPort() {
        fake.add(ingress("sgr-0ddd0000000000002", "tcp", 443, 443, "0.0.0.0/0"));

        PlaybookResult result = action.run(Incidents.ofGuardDuty("Recon:EC2/PortProbeUnprotectedPort",
                Map.of("securityGroupId", GROUP, "findingPorts", "tcp/443")), false);

        assertThat(result.outcome()).isEqualTo(PlaybookResult.Outcome.SKIPPED);
        assertThat(result.summary()).contains("also opens a public port", "sgr-0ddd0000000000002");
        assertThat(fake.calls("RevokeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void shouldRevokeAPortThatIsNoLongerPublic_whenThePublicPortsAreConfigured() {
        fake.add(ingress("sgr-0aaa0000000000002", "tcp", 443, 443, "0.0.0.0/0"),
                ingress("sgr-0ddd0000000000003", "tcp", 8443, 8443, "0.0.0.0/0"));

        PlaybookResult result = action(Set.of(8443)).run(Incidents.ofControl("EC2.18", Map.of("securityGroupId", GROUP)),
                false);

        assertThat(result.changes()).containsExactly("revoke sgr-0aaa0000000000002: tcp 443-443 from 0.0.0.0/0");
        assertThat(fake.ruleIds()).containsExactly("sgr-0ddd0000000000003");
    }

    @Test
    void shouldSkip_whenAGuardDutyFindingNamesNoInboundPort() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"));

        PlaybookResult result = action.run(Incidents.ofGuardDuty("UnauthorizedAccess:EC2/SSHBruteForce",
                Map.of("securityGroupId", GROUP)), false);

        assertThat(result.outcome()).isEqualTo(PlaybookResult.Outcome.SKIPPED);
        assertThat(result.summary()).contains("names no port");
        assertThat(fake.ruleIds()).containsExactly("sgr-0aaa0000000000001");
    }

    @Test
    void shouldSkipWithoutRevoking_whenTheGroupIsTaggedOptedOut() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"));
        fake.tag(GROUP, "incident-pipeline:remediation", "off");

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("securityGroupId", GROUP)), false);

        assertThat(result.outcome()).isEqualTo(PlaybookResult.Outcome.SKIPPED);
        assertThat(result.summary()).contains("tagged incident-pipeline:remediation=off");
        assertThat(fake.calls()).extracting(call -> call.get("Action")).containsExactly("DescribeSecurityGroups");
    }

    @Test
    void shouldSkip_whenTheGroupBelongsToAnotherAccount() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"));
        fake.owner(GROUP, "999999999999");

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("securityGroupId", GROUP)), false);

        assertThat(result.outcome()).isEqualTo(PlaybookResult.Outcome.SKIPPED);
        assertThat(result.summary()).contains("belongs to account 999999999999");
        assertThat(fake.ruleIds()).containsExactly("sgr-0aaa0000000000001");
    }

    @Test
    void shouldSkipNotSucceed_whenTheGroupIsNotInThisRegion() {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("securityGroupId", GROUP)), false);

        assertThat(result.outcome()).isEqualTo(PlaybookResult.Outcome.SKIPPED);
        assertThat(result.summary()).contains("does not exist in us-east-1");
    }

    @Test
    void shouldOnlyDescribeAndReportTheChanges_inADryRun() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"));

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("securityGroupId", GROUP)), true);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).startsWith("Dry run: would revoke 1 inbound rule(s)");
        assertThat(result.changes()).containsExactly("revoke sgr-0aaa0000000000001: tcp 22-22 from 0.0.0.0/0");
        assertThat(fake.calls()).extracting(call -> call.get("Action"))
                .containsExactly("DescribeSecurityGroups", "DescribeSecurityGroupRules");
        assertThat(fake.ruleIds()).containsExactly("sgr-0aaa0000000000001");
    }

    @Test
    void shouldSucceedWithNoChange_whenNoIngressRuleIsOpenToTheWorld() {
        fake.add(ingress("sgr-0bbb0000000000004", "tcp", 5432, 5432, "10.0.0.0/16"));

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("securityGroupId", GROUP)), false);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.changes()).isEmpty();
        assertThat(result.summary()).contains("has no inbound rule open to the world");
        assertThat(fake.calls("RevokeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void shouldReadEveryPage_andRevokeTheOpenRulesOfAllOfThem() {
        fake.pageSize(2);
        fake.add(ingress("sgr-0bbb0000000000001", "tcp", 5432, 5432, "10.0.0.0/16"),
                ingress("sgr-0aaa0000000000002", "tcp", 22, 22, "0.0.0.0/0"),
                ingress("sgr-0bbb0000000000003", "udp", 53, 53, "10.0.0.0/8"),
                ingress("sgr-0bbb0000000000004", "tcp", 80, 80, "192.0.2.0/24"),
                ingress("sgr-0aaa0000000000005", "udp", 1194, 1194, "::/0"));

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("securityGroupId", GROUP)), false);

        assertThat(fake.calls("DescribeSecurityGroupRules")).extracting(call -> call.get("NextToken"))
                .containsExactly(null, "page-2", "page-4");
        assertThat(result.changes()).containsExactly("revoke sgr-0aaa0000000000002: tcp 22-22 from 0.0.0.0/0",
                "revoke sgr-0aaa0000000000005: udp 1194-1194 from ::/0");
        assertThat(fake.ruleIds()).containsExactly("sgr-0bbb0000000000001", "sgr-0bbb0000000000003",
                "sgr-0bbb0000000000004");
    }

    @Test
    void shouldFindTheGroupInASecurityGroupArnOfItsAccountAndRegion() {
        fake.add(ingress("sgr-0aaa0000000000001", "tcp", 22, 22, "0.0.0.0/0"));

        PlaybookResult result = action.run(Incidents.withLabels(Map.of("resourceArn",
                "arn:aws:ec2:us-east-1:123456789012:security-group/" + GROUP)), false);

        assertThat(result.succeeded()).isTrue();
        assertThat(fake.ruleIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:ec2:eu-west-1:123456789012:security-group/", "arn:aws:ec2:us-east-1:999999999999:security-group/"})
    void shouldSkipWithoutACall_whenTheArnNamesAnotherRegionOrAccount(String arn) {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("resourceArn", arn + GROUP,
                "securityGroupId", GROUP)), false);

        assertThat(result.outcome()).isEqualTo(PlaybookResult.Outcome.SKIPPED);
        assertThat(result.summary()).contains("acts only in account 123456789012, region us-east-1");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void shouldFailSayingWhichLabelsAreMissing_whenTheIncidentNamesNoGroup() {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("s3Bucket", "orders-exports")), false);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains(Incidents.ID, "securityGroupId", "resourceArn", "GuardDuty", "Security Hub");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void shouldFail_whenTheResourceArnIsNotASecurityGroup() {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("resourceArn", "arn:aws:s3:::orders-exports")),
                false);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("is not a security group ARN");
        assertThat(fake.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sg-0123", "sg-0123456789ABCDEF0", "sg-0123456789abcdef", "sg-g1234567",
            "0123456789abcdef0", "sg-01234567 ", "sg-0123456789abcdef0&GroupId=sg-99999999"})
    void shouldFailBeforeAnyCall_whenTheSecurityGroupIdIsMalformed(String groupId) {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("securityGroupId", groupId)), false);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("'" + groupId + "'", "not a security group id");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void shouldFailBeforeAnyCall_whenTheArnNamesAMalformedGroup() {
        PlaybookResult result = action.run(Incidents.withLabels(Map.of("resourceArn",
                "arn:aws:ec2:us-east-1:123456789012:security-group/sg-xyz")), false);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.summary()).contains("'sg-xyz'", "not a security group id");
        assertThat(fake.calls()).isEmpty();
    }
}
