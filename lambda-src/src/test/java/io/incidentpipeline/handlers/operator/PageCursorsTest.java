package io.incidentpipeline.handlers.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.http.HttpError;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PageCursorsTest {
    private static final String LISTING = "status=OPEN&service=";
    private static final Map<String, AttributeValue> LAST_KEY = Map.of(
            "pk", AttributeValue.fromS("FP#9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            "sk", AttributeValue.fromS("INCIDENT"),
            "gsi1pk", AttributeValue.fromS("STATUS#OPEN"),
            "gsi1sk", AttributeValue.fromS("2026-11-25T06:00:00.000Z#inc_01JD5Z8Y6Q3T0R7W2X9V4N1M8K"));
    private final PageCursors cursors = new PageCursors(() -> "cursor-secret-one");

    @Test
    void shouldOpenWhatItSealed_withoutShowingTheKeyInTheCursor() {
        String cursor = cursors.seal(LAST_KEY, LISTING);

        assertThat(cursors.open(cursor, LISTING)).isEqualTo(LAST_KEY);
        assertThat(new String(Base64.getUrlDecoder().decode(cursor))).doesNotContain("FP#", "STATUS", "inc_");
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shouldRefuseEveryAlteredCursor_whateverCharacterChanged() {
        String cursor = cursors.seal(LAST_KEY, LISTING);
        for (int i = 0; i < cursor.length(); i++) {
            char replacement = cursor.charAt(i) == 'A' ? 'B' : 'A';
            String altered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            assertThatThrownBy(() -> cursors.open(altered, LISTING)).as("altered at %d", i)
                    .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.code()).isEqualTo("invalid_cursor"));
        }
    }

    @Test
    void shouldRefuseACursor_fromAnotherListingAnotherKeyOrNoCursorAtAll() {
        String cursor = cursors.seal(LAST_KEY, LISTING);
        PageCursors rotated = new PageCursors(() -> "cursor-secret-two");

        for (Runnable attempt : new Runnable[] {
                () -> cursors.open(cursor, "status=RESOLVED&service="),
                () -> cursors.open(cursor, "status=OPEN&service=orders-db"),
                () -> rotated.open(cursor, LISTING),
                () -> cursors.open(cursor.substring(0, cursor.length() - 4), LISTING),
                () -> cursors.open("", LISTING),
                () -> cursors.open("not a cursor!", LISTING),
                () -> cursors.open("A".repeat(5000), LISTING)}) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(HttpError.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("invalid_cursor");
            });
        }
    }
}
