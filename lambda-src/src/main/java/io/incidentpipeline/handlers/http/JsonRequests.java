package io.incidentpipeline.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.common.MalformedJsonException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reading a JSON request body the way every route of the API does, with the same errors (docs/CONTRACTS.md). */
public final class JsonRequests {
    private JsonRequests() {
    }

    /** @return the request's headers, looked up case-insensitively as HTTP wants (none: empty) */
    public static Map<String, String> headers(APIGatewayProxyRequestEvent request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (request.getHeaders() != null) {
            headers.putAll(request.getHeaders());
        }
        return headers;
    }

    /**
     * @param headers the request's headers, case-insensitive
     * @throws HttpError 415 unless {@code Content-Type} is {@code application/json}, optionally with
     *                   {@code charset=utf-8}, and the body is not compressed ({@code Content-Encoding}
     *                   absent or {@code identity})
     */
    public static void requireJson(Map<String, String> headers) {
        requireJson(headers.get("Content-Type"));
        String encoding = headers.get("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            // Named rather than read as text: a compressed body would otherwise fail as "not valid UTF-8".
            String shown = encoding.length() > 40 ? encoding.substring(0, 40) + "…" : encoding.trim();
            throw new HttpError(415, "unsupported_media_type", "The body is sent with 'Content-Encoding: " + shown
                    + "'; this API reads uncompressed JSON only. Send the body uncompressed, without a"
                    + " Content-Encoding header (or with 'identity').");
        }
    }

    private static void requireJson(String contentType) {
        String fix = "send 'Content-Type: application/json' (optionally '; charset=utf-8') with a JSON body.";
        if (contentType == null || contentType.isBlank()) {
            throw new HttpError(415, "unsupported_media_type", "The Content-Type header is missing; " + fix);
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        boolean json = parts[0].trim().equals("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            String parameter = parts[i].replace(" ", "").replace("\"", "");
            json = parameter.equals("charset=utf-8") || parameter.isEmpty();
        }
        if (!json) {
            String shown = contentType.length() > 100 ? contentType.substring(0, 100) + "…" : contentType;
            throw new HttpError(415, "unsupported_media_type", "Content-Type is '" + shown + "'; " + fix);
        }
    }

    /** @return the body's bytes, base64-decoded when API Gateway marks it so */
    public static byte[] bodyBytes(APIGatewayProxyRequestEvent request) {
        String body = request.getBody() == null ? "" : request.getBody();
        if (!Boolean.TRUE.equals(request.getIsBase64Encoded())) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "invalid_json", "The body is marked base64-encoded but is not valid base64;"
                    + " send the JSON body as UTF-8 text.");
        }
    }

    /** @return the body as one JSON object; 400 {@code invalid_json} or {@code invalid_body} otherwise */
    public static Map<String, Object> parseObject(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "invalid_json", "The body is not valid UTF-8; encode the JSON body as UTF-8.");
        }
        if (text.isBlank()) {
            throw new HttpError(400, "invalid_json", "The body is empty; send one JSON object, e.g."
                    + " {\"title\":\"Disk full on db-1\",\"severity\":\"critical\"}.");
        }
        Object value;
        try {
            value = Json.read(text);
        } catch (MalformedJsonException e) {
            throw new HttpError(400, "invalid_json", "The body is not valid JSON: " + e.reason() + " ("
                    + e.location() + "). Send one JSON object, encoded as UTF-8.");
        }
        if (!(value instanceof Map)) {
            throw new HttpError(400, "invalid_body", "The body must be one JSON object ({...}), not "
                    + (value instanceof List ? "an array" : "a single value") + ".");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }
}
