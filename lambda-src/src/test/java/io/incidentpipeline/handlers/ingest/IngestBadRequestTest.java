package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.testsupport.AlertRequests;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way an alert can be wrong gets its status, a machine-readable code, a message naming the fault, and no write. */
@ExtendWith(DynaliteExtension.class)
class IngestBadRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final String VALID = "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\"}";

    /**
     * @param name     what is wrong
     * @param request  the request
     * @param env      environment variables that differ from the tests' defaults
     * @param status   the expected status
     * @param code     the expected {@code error}
     * @param named    what the message must name (the field, header or variable at fault)
     */
    record BadRequest(String name, Supplier<APIGatewayProxyRequestEvent> request, Map<String, String> env,
            int status, String code, String... named) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRequest> badRequests() {
        return Stream.of(
                bad("malformed JSON", () -> signed("{\"title\":\"Disk full\",\"severity\":critical}"),
                        400, "invalid_json", "not valid JSON", "line 1", "/severity"),
                bad("truncated JSON", () -> signed("{\"title\":\"Disk full\",\"severity\":\"crit"),
                        400, "invalid_json", "truncated"),
                bad("empty body", () -> signed(""), 400, "invalid_json", "body is empty"),
                bad("whitespace body", () -> signed("  \n "), 400, "invalid_json", "body is empty"),
                bad("array body", () -> signed("[" + VALID + "]"), 400, "invalid_body", "JSON object", "array"),
                bad("string body", () -> signed("\"Disk full\""), 400, "invalid_body", "JSON object"),
                bad("trailing content", () -> signed(VALID + " {}"), 400, "invalid_json", "more content"),
                bad("duplicate key", () -> signed("{\"title\":\"a\",\"title\":\"b\",\"severity\":\"low\"}"),
                        400, "invalid_json", "title"),
                bad("wrong content type", () -> contentType(signed(VALID), "text/plain"),
                        415, "unsupported_media_type", "Content-Type", "text/plain", "application/json"),
                bad("non-UTF-8 charset", () -> contentType(signed(VALID), "application/json; charset=iso-8859-1"),
                        415, "unsupported_media_type", "Content-Type"),
                bad("missing content type", () -> contentType(signed(VALID), null),
                        415, "unsupported_media_type", "Content-Type header is missing"),
                bad("oversize body", () -> signed("{\"title\":\"Disk full\",\"severity\":\"low\",\"description\":\""
                        + "x".repeat(70_000) + "\"}"), 413, "payload_too_large", "body", "65536", "MAX_BODY_BYTES"),
                bad("oversize body counted in UTF-8 bytes", () -> signed("{\"title\":\"Disk full\",\"severity\":\"low\","
                        + "\"description\":\"" + "é".repeat(33_000) + "\"}"), 413, "payload_too_large", "66"),
                bad("deep nesting", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"labels\":"
                        + "{\"a\":".repeat(20) + "1" + "}".repeat(20) + "}"), 400, "invalid_json", "deeper than 16"),
                bad("invalid UTF-8", () -> base64Body(new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"',
                        (byte) 0xC3, (byte) 0x28, '"', '}'}), 400, "invalid_json", "UTF-8"),
                bad("gzip body", () -> header(base64Body(gzip(VALID)), "Content-Encoding", "gzip"),
                        415, "unsupported_media_type", "Content-Encoding: gzip", "uncompressed"),
                bad("deflate body", () -> header(signed(VALID), "content-encoding", "deflate, br"),
                        415, "unsupported_media_type", "Content-Encoding: deflate, br"),
                bad("invalid base64", () -> {
                    APIGatewayProxyRequestEvent request = unsigned("not base64!");
                    request.setIsBase64Encoded(true);
                    return request;
                }, 400, "invalid_json", "base64"),
                bad("raw control character", () -> signed("{\"title\":\"Disk\u0007full\",\"severity\":\"low\"}"),
                        400, "invalid_json", "/title", "CTRL-CHAR"),
                bad("escaped control character", () -> signed("{\"title\":\"Disk\\u0000full\",\"severity\":\"low\"}"),
                        400, "invalid_field", "'title'", "U+0000"),
                bad("huge number", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"count\":"
                        + "9".repeat(40) + "}"), 400, "invalid_json", "number", "32"),
                bad("missing title", () -> signed("{\"severity\":\"low\"}"), 400, "missing_field", "'title'"),
                bad("null title", () -> signed("{\"title\":null,\"severity\":\"low\"}"), 400, "missing_field", "'title'"),
                bad("blank title", () -> signed("{\"title\":\"   \",\"severity\":\"low\"}"), 400, "invalid_field", "'title'"),
                bad("too-long title", () -> signed("{\"title\":\"" + "t".repeat(257) + "\",\"severity\":\"low\"}"),
                        400, "invalid_field", "'title'", "257", "256"),
                bad("missing severity", () -> signed("{\"title\":\"t\"}"), 400, "missing_field", "'severity'", "critical"),
                bad("wrong-typed severity", () -> signed("{\"title\":\"t\",\"severity\":5}"),
                        400, "invalid_field", "'severity'", "string", "a number"),
                bad("unknown severity", () -> signed("{\"title\":\"t\",\"severity\":\"urgent\"}"),
                        400, "invalid_field", "'severity'", "urgent", "critical, high, medium, low, info"),
                bad("invalid service", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"service\":\"orders db!\"}"),
                        400, "invalid_field", "'service'"),
                bad("too-long category", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"category\":\""
                        + "c".repeat(129) + "\"}"), 400, "invalid_field", "'category'", "128"),
                bad("too-long description", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"description\":\""
                        + "d".repeat(4097) + "\"}"), 400, "invalid_field", "'description'", "4096"),
                bad("wrong-typed dedupKey", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"dedupKey\":[1]}"),
                        400, "invalid_field", "'dedupKey'", "an array"),
                bad("labels not an object", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"labels\":\"team\"}"),
                        400, "invalid_field", "'labels'"),
                bad("too many labels", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"labels\":{"
                        + String.join(",", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "\"l" + i + "\":\"v\"")
                        .toList()) + "}}"), 400, "invalid_field", "'labels'", "20"),
                bad("non-string label", () -> signed("{\"title\":\"t\",\"severity\":\"low\",\"labels\":{\"team\":7}}"),
                        400, "invalid_field", "'labels.team'"),
                bad("remediation target label s3Bucket", () -> signed("{\"title\":\"t\",\"severity\":\"critical\","
                        + "\"labels\":{\"s3Bucket\":\"www-example-com\"}}"), 400, "reserved_label", "'labels.s3Bucket'",
                        "only an AWS finding the pipeline verifies itself"),
                bad("remediation target label securityGroupId", () -> signed("{\"title\":\"t\",\"severity\":\"critical\","
                        + "\"labels\":{\"team\":\"web\",\"securityGroupId\":\"sg-0123456789abcdef0\"}}"), 400,
                        "reserved_label", "'labels.securityGroupId'"),
                bad("remediation target label resourceArn", () -> signed("{\"title\":\"t\",\"severity\":\"high\","
                        + "\"labels\":{\"resourceArn\":\"arn:aws:s3:::www-example-com\"}}"), 400, "reserved_label",
                        "'labels.resourceArn'"),
                bad("remediation target label findingPorts", () -> signed("{\"title\":\"t\",\"severity\":\"high\","
                        + "\"labels\":{\"findingPorts\":\"tcp/443\"}}"), 400, "reserved_label", "'labels.findingPorts'"),
                bad("unknown source", () -> source(signed(VALID), "nagios"), 404, "unknown_source", "nagios", "generic"),
                new BadRequest("disabled source", () -> signed(VALID), Map.of("ALERT_SOURCES", ""),
                        404, "unknown_source", "'generic' is not enabled", "alertSources"),
                bad("unknown route", () -> {
                    APIGatewayProxyRequestEvent request = signed(VALID);
                    request.setHttpMethod("GET");
                    return request;
                }, 404, "not_found", "POST /alerts/{source}"),
                bad("missing signature", () -> header(signed(VALID), "X-Incident-Signature", null),
                        401, "missing_signature", "X-Incident-Signature"),
                bad("missing timestamp", () -> header(signed(VALID), "X-Incident-Timestamp", null),
                        401, "missing_signature", "X-Incident-Timestamp"),
                bad("malformed signature", () -> header(signed(VALID), "X-Incident-Signature", "sha256=abc123"),
                        401, "malformed_signature", "X-Incident-Signature", "64 hex"),
                bad("signature without scheme", () -> header(signed(VALID), "X-Incident-Signature",
                        signed(VALID).getHeaders().get("X-Incident-Signature").substring(7)),
                        401, "malformed_signature", "X-Incident-Signature"),
                bad("wrong secret", () -> AlertRequests.sign(unsigned(VALID), Long.toString(NOW.getEpochSecond()),
                        "some-other-secret"), 401, "invalid_signature", "X-Incident-Signature"),
                bad("body changed after signing", () -> {
                    APIGatewayProxyRequestEvent request = signed(VALID);
                    request.setBody(VALID.replace("critical", "info"));
                    return request;
                }, 401, "invalid_signature", "X-Incident-Signature"),
                bad("stale timestamp", () -> AlertRequests.sign(unsigned(VALID), NOW.minusSeconds(301)),
                        401, "stale_signature", "X-Incident-Timestamp", "301 seconds", "REPLAY_WINDOW_SECONDS"),
                bad("future timestamp beyond the window", () -> AlertRequests.sign(unsigned(VALID), NOW.plusSeconds(400)),
                        401, "stale_signature", "X-Incident-Timestamp", "400 seconds"),
                bad("non-numeric timestamp", () -> AlertRequests.sign(unsigned(VALID), "yesterday", AlertRequests.SECRET),
                        401, "malformed_signature", "X-Incident-Timestamp", "Unix time"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void shouldRejectWithACodeAndAMessageNamingTheFaultAndWriteNothing_whenTheRequestIsBad(BadRequest bad,
            Dynalite dynalite) {
        String table = dynalite.createIncidentTable();
        Map<String, String> env = new HashMap<>(AlertRequests.environment(table));
        env.putAll(bad.env());
        IngestHandler handler = new IngestHandler(IngestConfig.fromEnvironment(env), dynalite.client(),
                arn -> AlertRequests.SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

        APIGatewayProxyResponseEvent response = handler.handleRequest(bad.request().get(), null);

        assertThat(response.getStatusCode()).as("status").isEqualTo(bad.status());
        Map<String, Object> body = IngestHandlerTest.body(response);
        assertThat(body).containsOnlyKeys("error", "message").containsEntry("error", bad.code());
        assertThat((String) body.get("message")).contains(bad.named());
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(dynalite.itemCount(table)).as("items written").isZero();
    }

    private static BadRequest bad(String name, Supplier<APIGatewayProxyRequestEvent> request, int status, String code,
            String... named) {
        return new BadRequest(name, request, Map.of(), status, code, named);
    }

    private static APIGatewayProxyRequestEvent unsigned(String body) {
        APIGatewayProxyRequestEvent request = AlertRequests.request("apigw-post-alert.json");
        request.setBody(body);
        return request;
    }

    private static APIGatewayProxyRequestEvent signed(String body) {
        return AlertRequests.alert(body, NOW);
    }

    private static APIGatewayProxyRequestEvent base64Body(byte[] raw) {
        APIGatewayProxyRequestEvent request = unsigned(Base64.getEncoder().encodeToString(raw));
        request.setIsBase64Encoded(true);
        return AlertRequests.sign(request, NOW);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static APIGatewayProxyRequestEvent contentType(APIGatewayProxyRequestEvent request, String value) {
        return header(request, "Content-Type", value);
    }

    private static APIGatewayProxyRequestEvent header(APIGatewayProxyRequestEvent request, String name, String value) {
        if (value == null) {
            request.getHeaders().remove(name);
        } else {
            request.getHeaders().put(name, value);
        }
        return request;
    }

    private static APIGatewayProxyRequestEvent source(APIGatewayProxyRequestEvent request, String source) {
        request.getPathParameters().put("source", source);
        request.setPath("/alerts/" + source);
        return request;
    }
}
