package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PagerDuty v3 webhook signatures: {@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw
 * body>}, with several comma-separated {@code v1=} entries while PagerDuty rotates the secret; one
 * matching entry is enough. PagerDuty signs no timestamp, so replays are absorbed by dedup (same
 * incident id) rather than by a window.
 */
public final class PagerDutySignatureVerifier implements AlertAuthenticator {
    /** The header with the signatures. */
    public static final String SIGNATURE_HEADER = "X-PagerDuty-Signature";

    @Override
    public int verify(List<String> secrets, Map<String, String> headers, byte[] body) {
        String header = headers.get(SIGNATURE_HEADER);
        if (header == null || header.isBlank()) {
            throw new HttpError(401, "missing_signature", "The " + SIGNATURE_HEADER + " header is missing; send this"
                    + " source's URL as a PagerDuty v3 webhook subscription, which signs every delivery.");
        }
        for (int i = 0; i < secrets.size(); i++) {
            byte[] expected = signature(secrets.get(i), body);
            for (String entry : header.split(",")) {
                String value = entry.trim();
                if (value.startsWith("v1=") && value.length() == 3 + 64 && value.substring(3).matches("[0-9a-fA-F]{64}")
                        && MessageDigest.isEqual(expected, HexFormat.of().parseHex(value.substring(3)))) {
                    return i;
                }
            }
        }
        throw new HttpError(401, "invalid_signature", "No v1 signature in " + SIGNATURE_HEADER + " matches the body;"
                + " store the subscription's current signing secret as this source's secret.");
    }

    /** @return the HMAC-SHA256 of {@code body} keyed by {@code secret}, as PagerDuty computes it */
    public static byte[] signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
