package io.incidentpipeline.handlers.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two alerts "the same incident": SHA-256, as 64 lowercase hex characters, of the
 * source, the service and the dedup key (or the title when the sender gave none), joined by
 * {@code \n}. The service is the normalized one, so an alert without a service and one naming
 * {@code unknown} share a fingerprint.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** @return the fingerprint of {@code alert} */
    public static String of(Alert alert) {
        String key = alert.dedupKey() != null ? alert.dedupKey() : alert.title();
        String material = alert.source() + "\n" + alert.service() + "\n" + key;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
