package io.incidentpipeline.handlers.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON reader and writer of the handlers: jackson-jr (no reflection-heavy databind on the
 * cold path) over a parser whose limits bound what an untrusted body can cost.
 */
public final class Json {
    /** Objects and arrays nest at most this deep. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** A number token has at most this many characters: nothing we read is a big number. */
    public static final int MAX_NUMBER_LENGTH = 32;
    /** A string value has at most this many characters. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            // A repeated key would let two readers of the same body see different values.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JSON JSON = com.fasterxml.jackson.jr.ob.JSON.builder(FACTORY).build();

    private Json() {
    }

    /**
     * Reads one JSON value: a {@code Map}, {@code List}, {@code String}, {@code Number},
     * {@code Boolean} or {@code null}.
     *
     * @throws MalformedJsonException when the text is not exactly one JSON value within the limits
     */
    public static Object read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            try {
                Object value = JSON.anyFrom(parser);
                if (parser.nextToken() != null) {
                    throw new MalformedJsonException("there is more content after the end of the JSON value",
                            where(parser));
                }
                return value;
            } catch (JsonProcessingException e) {
                throw new MalformedJsonException(reason(e), where(parser));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes maps, lists, strings, numbers and booleans as compact JSON. */
    public static String write(Object value) {
        try {
            return JSON.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "the JSON ends before it is complete (truncated?)";
        }
        if (e instanceof StreamConstraintsException) {
            String message = e.getOriginalMessage();
            if (message.contains("nesting depth")) {
                return "objects and arrays nest deeper than " + MAX_NESTING_DEPTH + " levels";
            }
            if (message.startsWith("Number")) {
                return "a number is longer than " + MAX_NUMBER_LENGTH + " characters";
            }
            if (message.startsWith("String")) {
                return "a string is longer than " + MAX_STRING_LENGTH + " characters";
            }
        }
        return e.getOriginalMessage();
    }

    private static String where(JsonParser parser) {
        JsonLocation location = parser.currentLocation();
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr()
                + (pointer.isEmpty() ? "" : ", at " + pointer);
    }
}
