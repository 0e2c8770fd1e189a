package io.incidentpipeline.handlers.remediation;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Element;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The three EC2 calls the security-group playbook needs, over EC2's Query API ({@link Ec2Query}):
 * the SDK's EC2 module would add 26 MB to the jar.
 *
 * <p>Like an SDK client it throws {@link AwsServiceException} (with EC2's error code) when EC2
 * refuses a call and {@link SdkClientException} when EC2 cannot be reached or answers something
 * else; unlike one, it does not retry: a throttled call fails the playbook run.
 */
public final class Ec2QueryClient implements SecurityGroupRules {
    private static final String RULE_NOT_FOUND = "InvalidSecurityGroupRuleId.NotFound";
    private static final String GROUP_NOT_FOUND = "InvalidGroup.NotFound";

    private final Ec2Query ec2;

    /**
     * @param http        the HTTP client; not closed by this one
     * @param endpoint    EC2's endpoint, e.g. {@code https://ec2.us-east-1.amazonaws.com/}
     * @param region      the region requests are signed for
     * @param credentials the credentials requests are signed with
     */
    public Ec2QueryClient(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.ec2 = new Ec2Query(http, endpoint, region, credentials);
    }

    /**
     * @return a client configured like the SDK's: region, credentials and endpoint from the standard
     *         settings ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_EC2}, {@code AWS_ENDPOINT_URL}, the
     *         {@code aws.*} system properties, …)
     */
    public static Ec2QueryClient fromEnvironment(SdkHttpClient http) {
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        return new Ec2QueryClient(http, Ec2Query.endpoint(System::getProperty, System::getenv, region), region,
                DefaultCredentialsProvider.builder().build());
    }

    @Override
    public String region() {
        return ec2.region().id();
    }

    @Override
    public Optional<SecurityGroup> group(String groupId) {
        Element response;
        try {
            response = ec2.call("DescribeSecurityGroups", Map.of("GroupId.1", groupId));
        } catch (AwsServiceException e) {
            if (GROUP_NOT_FOUND.equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        for (Element item : Ec2Xml.children(Ec2Xml.child(response, "securityGroupInfo"), "item")) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (Element tag : Ec2Xml.children(Ec2Xml.child(item, "tagSet"), "item")) {
                tags.put(Ec2Xml.text(tag, "key"), Objects.requireNonNullElse(Ec2Xml.text(tag, "value"), ""));
            }
            if (groupId.equals(Ec2Xml.text(item, "groupId"))) {
                return Optional.of(new SecurityGroup(groupId, Ec2Xml.text(item, "ownerId"), tags));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<SecurityGroupRule> describe(String groupId) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        String nextToken = null;
        do {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("Filter.1.Name", "group-id");
            parameters.put("Filter.1.Value.1", groupId);
            if (nextToken != null) {
                parameters.put("NextToken", nextToken);
            }
            Element response = ec2.call("DescribeSecurityGroupRules", parameters);
            for (Element item : Ec2Xml.children(Ec2Xml.child(response, "securityGroupRuleSet"), "item")) {
                rules.add(rule(item));
            }
            nextToken = Ec2Xml.text(response, "nextToken");
        } while (nextToken != null);
        return rules;
    }

    @Override
    public void revokeIngress(String groupId, List<String> ruleIds) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("GroupId", groupId);
        for (int i = 0; i < ruleIds.size(); i++) {
            parameters.put("SecurityGroupRuleId." + (i + 1), ruleIds.get(i));
        }
        try {
            if (!"true".equals(Ec2Xml.text(ec2.call("RevokeSecurityGroupIngress", parameters), "return"))) {
                throw SdkClientException.create("EC2 did not confirm revoking " + ruleIds + " of " + groupId);
            }
        } catch (AwsServiceException e) {
            if (!RULE_NOT_FOUND.equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            // One rule is already gone and the call may have revoked none of the others: one by one,
            // each tolerating its own absence.
            if (ruleIds.size() > 1) {
                ruleIds.forEach(ruleId -> revokeIngress(groupId, List.of(ruleId)));
            }
        }
    }

    private static SecurityGroupRule rule(Element item) {
        return new SecurityGroupRule(Ec2Xml.text(item, "securityGroupRuleId"), Ec2Xml.text(item, "groupId"),
                "true".equals(Ec2Xml.text(item, "isEgress")), Ec2Xml.text(item, "ipProtocol"),
                integer(Ec2Xml.text(item, "fromPort")), integer(Ec2Xml.text(item, "toPort")),
                Ec2Xml.text(item, "cidrIpv4"), Ec2Xml.text(item, "cidrIpv6"), Ec2Xml.text(item, "prefixListId"),
                Ec2Xml.text(Ec2Xml.child(item, "referencedGroupInfo"), "groupId"));
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }
}
