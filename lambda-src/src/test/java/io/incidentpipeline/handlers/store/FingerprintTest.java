package io.incidentpipeline.handlers.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    @Test
    void shouldHashSourceServiceAndTitle_whenThereIsNoDedupKey() {
        // python3 -c "import hashlib; print(hashlib.sha256(b'generic\norders-db\nDisk full on db-1').hexdigest())"
        assertThat(Fingerprint.of(alert("orders-db", "Disk full on db-1", null)))
                .isEqualTo("45fde9cedd4feca05364d9b74dad74dbc1a4b28c347fbf9f98d1391fc25fb3c7");
    }

    @Test
    void shouldHashTheDedupKeyInsteadOfTheTitle_whenThereIsOne() {
        // python3 -c "import hashlib; print(hashlib.sha256(b'generic\nunknown\ncert-expiry/shop.example.com').hexdigest())"
        String fingerprint = "fc9cc8c09989c9d6c9ce8235b670b17551855d142cd901416f1b5e6d91556572";

        assertThat(Fingerprint.of(alert("unknown", "Expires in 30 days", "cert-expiry/shop.example.com")))
                .isEqualTo(fingerprint);
        assertThat(Fingerprint.of(alert("unknown", "Expires in 29 days", "cert-expiry/shop.example.com")))
                .isEqualTo(fingerprint);
    }

    private static Alert alert(String service, String title, String dedupKey) {
        return new Alert("generic", Severity.LOW, title, null, service, "other", dedupKey, Map.of(), Instant.EPOCH);
    }
}
