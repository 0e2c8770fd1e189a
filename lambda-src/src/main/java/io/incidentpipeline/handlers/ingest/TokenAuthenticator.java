package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * For tools that cannot sign a body but can send a fixed custom header (Datadog and New Relic
 * webhooks): {@code X-Incident-Token: <the source's secret>}, compared in constant time. Weaker
 * than a signature (a captured request can be replayed), so only over TLS, which API Gateway enforces.
 */
public final class TokenAuthenticator implements AlertAuthenticator {
    /** The header carrying the token. */
    public static final String TOKEN_HEADER = "X-Incident-Token";

    @Override
    public int verify(List<String> secrets, Map<String, String> headers, byte[] body) {
        String token = headers.get(TOKEN_HEADER);
        if (token == null || token.isBlank()) {
            throw new HttpError(401, "missing_token", "The " + TOKEN_HEADER + " header is missing; add it to the"
                    + " webhook's custom headers with the source's secret as its value.");
        }
        byte[] presented = token.trim().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < secrets.size(); i++) {
            // Constant time: the comparison must not tell an attacker how many leading characters were right.
            if (MessageDigest.isEqual(secrets.get(i).getBytes(StandardCharsets.UTF_8), presented)) {
                return i;
            }
        }
        throw new HttpError(401, "invalid_token", "The " + TOKEN_HEADER + " header does not match the source's"
                + " secret; paste its current value into the webhook's custom headers.");
    }
}
