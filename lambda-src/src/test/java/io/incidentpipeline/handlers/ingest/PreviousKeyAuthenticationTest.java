package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each way a source authenticates accepts the previous key after the current one, and says which matched. */
class PreviousKeyAuthenticationTest {
    private static final String CURRENT = "current-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String PREVIOUS = "previous-key-0123456789abcdefghijklmnopqrstuvwxy";
    private static final List<String> KEYS = List.of(CURRENT, PREVIOUS);
    private static final byte[] BODY = "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    private final HmacSignatureVerifier hmac = new HmacSignatureVerifier(Duration.ofSeconds(300),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldTellWhichKeySigned_whenAGenericAlertIsSignedWithEither() {
        assertThat(hmac.verify(KEYS, signed(CURRENT, NOW), BODY)).isZero();
        assertThat(hmac.verify(KEYS, signed(PREVIOUS, NOW), BODY)).isEqualTo(1);
        assertThatThrownBy(() -> hmac.verify(List.of(CURRENT), signed(PREVIOUS, NOW), BODY))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.code()).isEqualTo("invalid_signature"));
    }

    @Test
    void shouldStillCheckTheReplayWindow_whenThePreviousKeySigned() {
        assertThatThrownBy(() -> hmac.verify(KEYS, signed(PREVIOUS, NOW.minusSeconds(301)), BODY))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.code()).isEqualTo("stale_signature"));
    }

    @Test
    void shouldTellWhichKeyMatched_whenATokenIsEither() {
        TokenAuthenticator token = new TokenAuthenticator();

        assertThat(token.verify(KEYS, Map.of(TokenAuthenticator.TOKEN_HEADER, CURRENT), BODY)).isZero();
        assertThat(token.verify(KEYS, Map.of(TokenAuthenticator.TOKEN_HEADER, PREVIOUS), BODY)).isEqualTo(1);
        assertThatThrownBy(() -> token.verify(KEYS, Map.of(TokenAuthenticator.TOKEN_HEADER, "older-key"), BODY))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.code()).isEqualTo("invalid_token"));
    }

    @Test
    void shouldTellWhichKeySigned_whenAPagerDutyDeliveryIsSignedWithEither() {
        PagerDutySignatureVerifier pagerDuty = new PagerDutySignatureVerifier();

        assertThat(pagerDuty.verify(KEYS, pagerDutyHeader(PREVIOUS), BODY)).isEqualTo(1);
        assertThat(pagerDuty.verify(KEYS, Map.of(PagerDutySignatureVerifier.SIGNATURE_HEADER, "v1="
                + hex(PREVIOUS) + ",v1=" + hex(CURRENT)), BODY)).as("PagerDuty's own rotation: two signatures").isZero();
        assertThatThrownBy(() -> pagerDuty.verify(List.of(CURRENT), pagerDutyHeader(PREVIOUS), BODY))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.code()).isEqualTo("invalid_signature"));
    }

    private static Map<String, String> signed(String key, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        return Map.of(HmacSignatureVerifier.TIMESTAMP_HEADER, timestamp,
                HmacSignatureVerifier.SIGNATURE_HEADER, HmacSignatureVerifier.signatureHeader(key, timestamp, BODY));
    }

    private static Map<String, String> pagerDutyHeader(String key) {
        return Map.of(PagerDutySignatureVerifier.SIGNATURE_HEADER, "v1=" + hex(key));
    }

    private static String hex(String key) {
        return HexFormat.of().formatHex(PagerDutySignatureVerifier.signature(key, BODY));
    }
}
