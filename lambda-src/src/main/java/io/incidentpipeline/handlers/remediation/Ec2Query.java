package io.incidentpipeline.handlers.remediation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.w3c.dom.Element;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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

/**
 * One call of EC2's Query API: a form-encoded POST of {@code Action}, {@code Version} and the
 * parameters, signed with SigV4 by the SDK's own signer, answered in XML.
 */
final class Ec2Query {
    private static final String API_VERSION = "2016-11-15";

    private final SdkHttpClient http;
    private final URI endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    Ec2Query(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.http = http;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
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

    /** @return the region requests are signed for */
    Region region() {
        return region;
    }

    /**
     * Sends one request.
     *
     * @return the document element of EC2's answer
     * @throws AwsServiceException when EC2 answers with an error, named by its code
     * @throws SdkClientException  when EC2 cannot be reached or answers something that is not EC2's XML
     */
    Element call(String action, Map<String, String> parameters) {
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
            answer = response.responseBody().map(Ec2Query::readAll).orElse(new byte[0]);
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException.create("Could not call EC2 " + action + " at " + endpoint + ": " + e.getMessage(), e);
        }
        if (response.httpResponse().isSuccessful()) {
            return Ec2Xml.parse(answer);
        }
        throw error(action, response.httpResponse().statusCode(), answer);
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
