package io.incidentpipeline.handlers.testsupport;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.incidentpipeline.handlers.ingest.HmacSignatureVerifier;
import io.incidentpipeline.handlers.ingest.IngestConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** API Gateway requests to the ingest handler, built from the fixtures and signed like a real sender. */
public final class AlertRequests {
    /** The generic source's signing secret in tests. */
    public static final String SECRET = "test-signing-key-0123456789abcdefghijklmnopqrstuv";
    /** The ARN the tests' configuration names for it. */
    public static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:incident-pipeline/generic-AbCdEf";

    private AlertRequests() {
    }

    /** @return the environment the construct would give the ingest function */
    public static Map<String, String> environment(String tableName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", tableName);
        env.put("ALERT_SOURCES", "generic");
        env.put("ALERT_SECRET_ARNS", "generic=" + SECRET_ARN);
        return env;
    }

    /** @return the ingest settings for a table */
    public static IngestConfig config(String tableName) {
        return IngestConfig.fromEnvironment(environment(tableName));
    }

    /** @return the critical alert of the fixture, signed at {@code signedAt} */
    public static APIGatewayProxyRequestEvent criticalAlert(Instant signedAt) {
        return sign(request("apigw-post-alert.json"), signedAt);
    }

    /** @return a POST of {@code body} to {@code /alerts/generic}, signed at {@code signedAt} */
    public static APIGatewayProxyRequestEvent alert(String body, Instant signedAt) {
        APIGatewayProxyRequestEvent request = request("apigw-post-alert.json");
        request.setBody(body);
        return sign(request, signedAt);
    }

    /** @return the fixture {@code events/<name>} as an API Gateway request, unsigned */
    @SuppressWarnings("unchecked")
    public static APIGatewayProxyRequestEvent request(String name) {
        Map<String, Object> json = Fixtures.object(name);
        APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent();
        request.setResource((String) json.get("resource"));
        request.setPath((String) json.get("path"));
        request.setHttpMethod((String) json.get("httpMethod"));
        request.setHeaders(new LinkedHashMap<>((Map<String, String>) json.get("headers")));
        Map<String, String> pathParameters = (Map<String, String>) json.get("pathParameters");
        request.setPathParameters(pathParameters == null ? null : new LinkedHashMap<>(pathParameters));
        request.setBody((String) json.get("body"));
        request.setIsBase64Encoded((Boolean) json.get("isBase64Encoded"));
        return request;
    }

    /**
     * @return a POST of {@code body} to {@code /alerts/<source>} with {@code headers} added (a
     *         token or a tool's signature), for the third-party sources
     */
    public static APIGatewayProxyRequestEvent post(String source, String body, Map<String, String> headers) {
        APIGatewayProxyRequestEvent request = request("apigw-post-alert.json");
        request.setPath("/alerts/" + source);
        request.setPathParameters(new LinkedHashMap<>(Map.of("source", source)));
        request.setBody(body);
        request.getHeaders().putAll(headers);
        return request;
    }

    /** Signs the request's body, as sent, with {@link #SECRET}; replaces any earlier signature. */
    public static APIGatewayProxyRequestEvent sign(APIGatewayProxyRequestEvent request, Instant signedAt) {
        return sign(request, Long.toString(signedAt.getEpochSecond()), SECRET);
    }

    /** Signs the request's body with {@code secret} and the timestamp header value {@code timestamp}. */
    public static APIGatewayProxyRequestEvent sign(APIGatewayProxyRequestEvent request, String timestamp, String secret) {
        String body = request.getBody() == null ? "" : request.getBody();
        byte[] raw = Boolean.TRUE.equals(request.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        request.getHeaders().put(HmacSignatureVerifier.TIMESTAMP_HEADER, timestamp);
        request.getHeaders().put(HmacSignatureVerifier.SIGNATURE_HEADER,
                HmacSignatureVerifier.signatureHeader(secret, timestamp, raw));
        return request;
    }
}
