package io.incidentpipeline.handlers.operator;

import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.common.MalformedJsonException;
import io.incidentpipeline.handlers.http.HttpError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pagination cursors that callers can neither read nor forge: the page's last key, sealed with
 * AES-256-GCM under a key derived from the cursor secret, with the listing it belongs to (status and
 * service) as associated data. A cursor that was altered, made with another key, or presented to
 * another listing fails authentication and is refused with 400 {@code invalid_cursor}; nothing is read.
 *
 * <p>Format: base64url (no padding) of a 12-byte random nonce followed by the ciphertext and its
 * 16-byte tag. Rotating the secret invalidates outstanding cursors, which only makes callers start
 * their listing over.
 */
public final class PageCursors {
    /** The key attributes a listing's last key may hold: the table's and the indexes' keys, all strings. */
    private static final Set<String> KEY_ATTRIBUTES = Set.of("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Longer than any cursor this class makes (keys are a few hundred bytes). */
    private static final int MAX_CURSOR_CHARS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<String> secret;

    /** @param secret the cursor secret's current value (cached by the caller; read on each use) */
    public PageCursors(Supplier<String> secret) {
        this.secret = secret;
    }

    /**
     * @param lastKey the page's {@code LastEvaluatedKey}
     * @param listing what was listed, e.g. {@code status=OPEN&service=orders-db}
     * @return the cursor of the next page
     */
    public String seal(Map<String, AttributeValue> lastKey, String listing) {
        Map<String, Object> plain = new LinkedHashMap<>();
        lastKey.forEach((name, value) -> plain.put(name, value.s()));
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, listing);
            byte[] sealed = cipher.doFinal(Json.write(plain).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /**
     * @param cursor  a cursor from {@link #seal}
     * @param listing the listing it is presented to
     * @return the key to start the page at
     * @throws HttpError 400 {@code invalid_cursor} when the cursor is not one this API made for this listing
     */
    public Map<String, AttributeValue> open(String cursor, String listing) {
        byte[] bytes;
        try {
            bytes = cursor.length() > MAX_CURSOR_CHARS ? null : Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw invalid();
        }
        Object plain;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), listing);
            plain = Json.read(new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (AEADBadTagException | MalformedJsonException e) {
            throw invalid();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
        if (!(plain instanceof Map<?, ?> fields) || fields.isEmpty()) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            // Authentic, hence made by us; checked anyway so that a leaked key cannot make us read other items.
            if (!KEY_ATTRIBUTES.contains(field.getKey()) || !(field.getValue() instanceof String value)) {
                throw invalid();
            }
            key.put((String) field.getKey(), AttributeValue.fromS(value));
        }
        return key;
    }

    private Cipher cipher(int mode, byte[] nonce, String listing) throws GeneralSecurityException {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(
                ("incident-pipeline page cursor v1\n" + secret.get()).getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(listing.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static HttpError invalid() {
        return new HttpError(400, "invalid_cursor", "The cursor is not one this API issued for this listing"
                + " (altered, truncated, from another status or service, or issued before the cursor key was"
                + " rotated). Pass nextCursor unchanged with the same status and service, or start the listing"
                + " again without a cursor.");
    }
}
