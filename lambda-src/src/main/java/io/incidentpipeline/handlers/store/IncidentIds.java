package io.incidentpipeline.handlers.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Incident ids: {@code inc_} and a ULID (48-bit millisecond time, 80 random bits, Crockford
 * base32), so ids sort by creation time and need no coordination between regions.
 */
public final class IncidentIds {
    private static final Pattern FORMAT = Pattern.compile("inc_[0-9A-HJKMNP-TV-Z]{26}");
    private static final Pattern SILENCE_FORMAT = Pattern.compile("sil_[0-9A-HJKMNP-TV-Z]{26}");

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    // SecureRandom draws fresh entropy after a SnapStart restore; a seeded Random captured in the
    // snapshot would hand every restored instance the same "random" ids.
    private static final SecureRandom RANDOM = new SecureRandom();

    private IncidentIds() {
    }

    /** @return whether {@code value} has the form of an incident id ({@code inc_} and 26 Crockford base32 characters) */
    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    static String newId(Instant now) {
        return "inc_" + ulid(now);
    }

    /** @return a silence id: {@code sil_} and a ULID, as incident ids are made */
    static String newSilenceId(Instant now) {
        return Silence.ID_PREFIX + ulid(now);
    }

    /** @return whether {@code value} has the form of a silence id made through the operator API */
    public static boolean isSilenceId(String value) {
        return value != null && SILENCE_FORMAT.matcher(value).matches();
    }

    private static String ulid(Instant now) {
        char[] ulid = new char[26];
        long time = now.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            ulid[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        // 80 bits = 16 characters of 5 bits each.
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xFF);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xFF);
        }
        for (int i = 17; i >= 10; i--) {
            ulid[i] = CROCKFORD[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            ulid[i] = CROCKFORD[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(ulid);
    }
}
