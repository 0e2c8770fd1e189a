package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HmacSignatureVerifierTest {
    private static final String SECRET = "whsec_example";
    private static final String TIMESTAMP = "1764050400";
    private static final byte[] BODY =
            "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\"}".getBytes(StandardCharsets.UTF_8);
    // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_example',
    // b'1764050400.{\"title\":\"Disk full on db-1\",\"severity\":\"critical\"}', hashlib.sha256).hexdigest())"
    private static final String EXPECTED = "sha256=0f153567c3b8ec988d9cc8b1a0cc7ca3d1edd8755ba0a2ecd8bd9f48677d1a74";

    private final HmacSignatureVerifier verifier = new HmacSignatureVerifier(Duration.ofSeconds(300),
            Clock.fixed(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)), ZoneOffset.UTC));

    @Test
    void shouldComputeTheContractsSignature_whenSigningTimestampDotBody() {
        assertThat(HmacSignatureVerifier.signatureHeader(SECRET, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void shouldAccept_whenTheSignatureIsRightInEitherHexCase() {
        assertThatCode(() -> verifier.verify(List.of(SECRET), TIMESTAMP, EXPECTED, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(List.of(SECRET), TIMESTAMP, "sha256=" + EXPECTED.substring(7).toUpperCase(), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAccept_whenTheTimestampIsAtTheEdgeOfTheWindow() {
        HmacSignatureVerifier later = new HmacSignatureVerifier(Duration.ofSeconds(300),
                Clock.fixed(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP) + 300), ZoneOffset.UTC));

        assertThatCode(() -> later.verify(List.of(SECRET), TIMESTAMP, EXPECTED, BODY)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectAsInvalid_whenTheSignatureIsOfAnotherTimestamp() {
        String other = HmacSignatureVerifier.signatureHeader(SECRET, "1764050401", BODY);

        assertThatThrownBy(() -> verifier.verify(List.of(SECRET), TIMESTAMP, other, BODY))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("invalid_signature");
                });
    }
}
