package io.incidentpipeline.handlers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void shouldReadNestingUpToTheLimit_whenItIs16Deep() {
        String sixteen = "[".repeat(16) + "]".repeat(16);

        assertThat(Json.read(sixteen)).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.read("[" + sixteen + "]"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("deeper than 16");
    }

    @Test
    void shouldRejectTheString_whenItIsLongerThan64KiB() {
        assertThat(Json.read("\"" + "s".repeat(Json.MAX_STRING_LENGTH) + "\"")).isInstanceOf(String.class);
        assertThatThrownBy(() -> Json.read("{\"d\":\"" + "s".repeat(Json.MAX_STRING_LENGTH + 1) + "\"}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("string is longer", "/d");
    }

    @Test
    void shouldReadAwsEventsWithTheirOwnLimits_deeperAndLongerThanWebhooks_butStillBounded() {
        String sixtyFour = "[".repeat(64) + "]".repeat(64);
        String longString = "\"" + "s".repeat(256 * 1024) + "\"";

        assertThat(Json.read(sixtyFour, Json.Limits.AWS_EVENT)).isInstanceOf(List.class);
        assertThat(Json.read(longString, Json.Limits.AWS_EVENT)).isInstanceOf(String.class);
        assertThatThrownBy(() -> Json.read("[" + sixtyFour + "]", Json.Limits.AWS_EVENT))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("deeper than 64 levels (AWS event limit)");
        assertThatThrownBy(() -> Json.read("\"s" + longString.substring(1), Json.Limits.AWS_EVENT))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("string is longer than 262144");
        assertThatThrownBy(() -> Json.read(sixtyFour)).hasMessageContaining("deeper than 16 levels (webhook limit)");
    }

    @Test
    void shouldRejectTheNumber_whenItHasMoreThan32Characters() {
        assertThat(Json.read("1" + "0".repeat(31))).isInstanceOf(Number.class);
        assertThatThrownBy(() -> Json.read("{\"n\":1.5e" + "1".repeat(40) + "}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("number is longer");
    }

    @Test
    void shouldKeepFieldOrder_whenWritingAndReadingAnObject() {
        String text = "{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{\"d\":2.5}}";

        Object value = Json.read(text);

        assertThat(value).isInstanceOf(Map.class);
        assertThat(Json.write(value)).isEqualTo(text);
    }
}
