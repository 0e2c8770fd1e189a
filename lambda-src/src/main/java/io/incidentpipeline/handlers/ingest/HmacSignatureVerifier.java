package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature of a generic webhook request: {@code X-Incident-Signature: sha256=<hex>},
 * the HMAC-SHA256 of {@code "<X-Incident-Timestamp>.<raw body>"} keyed by the source's secret.
 *
 * <p>The timestamp is signed, so a captured request can be replayed only within the replay window
 * ({@code REPLAY_WINDOW_SECONDS}, either side of the server's clock). The window is checked after
 * the signature, so only a real sender learns that its clock is off.
 */
public final class HmacSignatureVerifier implements AlertAuthenticator {
    /** The header with the signing time, in Unix seconds. */
    public static final String TIMESTAMP_HEADER = "X-Incident-Timestamp";
    /** The header with the signature. */
    public static final String SIGNATURE_HEADER = "X-Incident-Signature";
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("sha256=([0-9a-fA-F]{64})");
    private static final String HOW_TO_SIGN = "sign each request with " + SIGNATURE_HEADER
            + ": sha256=<hex HMAC-SHA256 of \"<" + TIMESTAMP_HEADER + ">.<raw body>\" keyed by the source's secret>";

    private final Duration replayWindow;
    private final Clock clock;

    /**
     * @param replayWindow how far the signed time may be from the server's time, either way
     * @param clock        the server's time
     */
    public HmacSignatureVerifier(Duration replayWindow, Clock clock) {
        this.replayWindow = replayWindow;
        this.clock = clock;
    }

    /**
     * @param secrets         the source's accepted signing secrets, the current one first
     * @param timestampHeader the {@value #TIMESTAMP_HEADER} header, or {@code null}
     * @param signatureHeader the {@value #SIGNATURE_HEADER} header, or {@code null}
     * @param body            the raw body bytes, as signed
     * @return the index in {@code secrets} of the one that made the signature
     * @throws HttpError 401 when a header is missing or malformed, the signature is wrong, or the
     *                   timestamp is outside the replay window
     */
    public int verify(List<String> secrets, String timestampHeader, String signatureHeader, byte[] body) {
        if (signatureHeader == null) {
            throw unauthorized("missing_signature", "The " + SIGNATURE_HEADER + " header is missing; " + HOW_TO_SIGN + ".");
        }
        if (timestampHeader == null) {
            throw unauthorized("missing_signature", "The " + TIMESTAMP_HEADER + " header is missing; send the Unix"
                    + " time in seconds at which you signed the request.");
        }
        String timestamp = timestampHeader.trim();
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            throw unauthorized("malformed_signature", TIMESTAMP_HEADER + " must be the Unix time in seconds"
                    + " (digits only, e.g. 1764050400).");
        }
        Matcher matcher = SIGNATURE.matcher(signatureHeader.trim());
        if (!matcher.matches()) {
            throw unauthorized("malformed_signature", SIGNATURE_HEADER + " must be 'sha256=' followed by 64 hex"
                    + " characters; " + HOW_TO_SIGN + ".");
        }
        byte[] presented = HexFormat.of().parseHex(matcher.group(1));
        int matched = -1;
        for (int i = 0; i < secrets.size() && matched < 0; i++) {
            // Constant time: the comparison must not tell an attacker how many leading bytes were right.
            if (MessageDigest.isEqual(hmac(secrets.get(i), timestamp, body), presented)) {
                matched = i;
            }
        }
        if (matched < 0) {
            throw unauthorized("invalid_signature", SIGNATURE_HEADER + " does not match the body and "
                    + TIMESTAMP_HEADER + "; sign \"<timestamp>.<raw body>\" exactly as sent, with the source's"
                    + " current secret.");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > replayWindow.toSeconds()) {
            throw unauthorized("stale_signature", TIMESTAMP_HEADER + " is " + skew + " seconds away from the"
                    + " server's time; the limit is " + replayWindow.toSeconds() + " seconds (REPLAY_WINDOW_SECONDS)."
                    + " Sign each request when you send it, and check the sender's clock.");
        }
        return matched;
    }

    @Override
    public int verify(List<String> secrets, Map<String, String> headers, byte[] body) {
        return verify(secrets, headers.get(TIMESTAMP_HEADER), headers.get(SIGNATURE_HEADER), body);
    }

    /**
     * @return the {@value #SIGNATURE_HEADER} value a sender computes: {@code sha256=<hex>}
     */
    public static String signatureHeader(String secret, String timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static HttpError unauthorized(String code, String message) {
        return new HttpError(401, code, message);
    }
}
