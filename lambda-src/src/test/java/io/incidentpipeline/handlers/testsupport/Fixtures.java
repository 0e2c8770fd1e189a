package io.incidentpipeline.handlers.testsupport;

import io.incidentpipeline.handlers.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The event fixtures in {@code src/test/resources/events}. */
public final class Fixtures {
    private Fixtures() {
    }

    /** @return the text of {@code events/<name>} */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture events/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code events/<name>} read as a JSON object */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String name) {
        return (Map<String, Object>) Json.read(text(name));
    }
}
