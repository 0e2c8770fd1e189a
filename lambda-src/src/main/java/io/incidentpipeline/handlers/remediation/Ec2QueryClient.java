package io.incidentpipeline.handlers.remediation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.w3c.dom.Element;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The two EC2 calls the security-group playbook needs, over EC2's Query API (form-encoded POST,
 * XML answers, SigV4 with the SDK's own signer): the SDK's EC2 module would add 26 MB to the jar.
 *
 * <p>Like an SDK client it throws {@link AwsServiceException} (with EC2's error code) when EC2
 * refuses a call and {@link SdkClientException} when EC2 cannot be reached or answers something
 * else; unlike one, it does not retry: a throttled call fails the playbook run.
 */
public final class Ec2QueryClient implements SecurityGroupRules {
    private static final String API_VERSION = "2016-11-15";
    private static final String RULE_NOT_FOUND = "InvalidSecurityGroupRuleId.NotFound";

    private final SdkHttpClient http;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param http        the HTTP client; not closed by this one
     * @param endpoint    EC2's endpoint, e.g. {@code https://ec2.us-east-1.amazonaws.com/}
     * @param region      the region requests are signed for
     * @param credentials the credentials requests are signed with
     */
    public Ec2QueryClient(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.http = http;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    /**
     * @return a client configured like the SDK's: region, credentials and endpoint from the standard
     *         settings ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_EC2}, {@code AWS_ENDPOINT_URL}, the
     *         {@code aws.*} system properties, …)
     */
    public static Ec2QueryClient fromEnvironment(SdkHttpClient http) {
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        return new Ec2QueryClient(http, endpoint(System::getProperty, System::getenv, region), region,
                DefaultCredentialsProvider.builder().build());
    }

    /**
     * @return the endpoint the SDK would use: {@code aws.endpointUrlEc2}, {@code AWS_ENDPOINT_URL_EC2},
     *         {@code aws.endpointUrl}, {@code AWS_ENDPOINT_URL}, the first set, else the region's own
     */
    static URI endpoint(UnaryOperator<String> properties, UnaryOperator<String> environment, Region region) {
        RegionMetadata metadata = region.metadata();
        String domain = metadata == null ? "amazonaws.com" : metadata.domain();
        return Stream.of(properties.apply("aws.endpointUrlEc2"), environment.apply("AWS_ENDPOINT_URL_EC2"),
                        properties.apply("aws.endpointUrl"), environment.apply("AWS_ENDPOINT_URL"))
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .map(URI::create)
                .orElse(URI.create("https://ec2." + region.id() + "." + domain + "/"));
    }

    @Override
    public String region() {
        return region.id();
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
            Element response = call("DescribeSecurityGroupRules", parameters);
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
            if (!"true".equals(Ec2Xml.text(call("RevokeSecurityGroupIngress", parameters), "return"))) {
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

    /** Sends one signed Query API request. @return the document element of the successful answer */
    private Element call(String action, Map<String, String> parameters) {
        StringJoiner form = new StringJoiner("&").add("Action=" + action).add("Version=" + API_VERSION);
        parameters.forEach((name, value) -> form.add(encode(name) + "=" + encode(value)));
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response;
        byte[] answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            answer = response.responseBody().map(Ec2QueryClient::readAll).orElse(new byte[0]);
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException.create("Could not call EC2 " + action + " at " + endpoint + ": " + e.getMessage(), e);
        }
        int status = response.httpResponse().statusCode();
        if (response.httpResponse().isSuccessful()) {
            return Ec2Xml.parse(answer);
        }
        throw error(action, status, answer);
    }

    /** EC2's error answer: {@code <Response><Errors><Error><Code>…</Code><Message>…</Message>…<RequestID>}. */
    private static RuntimeException error(String action, int status, byte[] answer) {
        Element root;
        try {
            root = Ec2Xml.parse(answer);
        } catch (SdkClientException notXml) {
            root = null; // reported below, with the status
        }
        Element error = Ec2Xml.child(Ec2Xml.child(root, "Errors"), "Error");
        String code = Ec2Xml.text(error, "Code");
        if (code == null) {
            return SdkClientException.create("EC2 answered " + action + " with HTTP " + status
                    + " and no EC2 error code; check the endpoint (AWS_ENDPOINT_URL_EC2) and the network path.");
        }
        String message = Ec2Xml.text(error, "Message");
        return AwsServiceException.builder()
                .message("EC2 " + action + " failed with " + code + ": " + message)
                .statusCode(status)
                .requestId(Ec2Xml.text(root, "RequestID"))
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("EC2")
                        .build())
                .build();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
