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
 * cold path) over a parser whose limits bound what an input can cost: tight ones for webhook bodies
 * from the internet ({@link Limits#WEBHOOK}), roomier ones for the events AWS itself delivers
 * ({@link Limits#AWS_EVENT}).
 */
public final class Json {
    /** Objects and arrays of a webhook body nest at most this deep. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** A number token has at most this many characters: nothing we read is a big number. */
    public static final int MAX_NUMBER_LENGTH = 32;
    /** A string value of a webhook body has at most this many characters. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    /**
     * What one input may hold.
     *
     * @param name            what the limits are for, in error messages
     * @param maxNestingDepth how deep objects and arrays may nest
     * @param maxStringLength the most characters of one string value
     */
    public record Limits(String name, int maxNestingDepth, int maxStringLength) {
        /** Webhook bodies: {@value #MAX_NESTING_DEPTH} levels, strings of 64 KiB (a body is at most 64 KiB). */
        public static final Limits WEBHOOK = new Limits("webhook", MAX_NESTING_DEPTH, MAX_STRING_LENGTH);
        /**
         * Events that AWS delivers (EventBridge, SNS): 64 levels, strings of 256 KiB. An EventBridge
         * event or an SNS message is at most 256 KiB, so no string can be longer; Security Hub's
         * ASFF nests resource details (policy documents, network paths) well past 16 levels.
         */
        public static final Limits AWS_EVENT = new Limits("AWS event", 64, 256 * 1024);

        private JsonFactory factory() {
            return JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(maxNestingDepth)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxStringLength(maxStringLength)
                            .build())
                    // A repeated key would let two readers of the same body see different values.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
        }
    }

    private static final JsonFactory FACTORY = Limits.WEBHOOK.factory();
    private static final JsonFactory AWS_EVENT_FACTORY = Limits.AWS_EVENT.factory();
    private static final JSON JSON = com.fasterxml.jackson.jr.ob.JSON.builder(FACTORY).build();

    private Json() {
    }

    /**
     * Reads one JSON value within the webhook limits: a {@code Map}, {@code List}, {@code String},
     * {@code Number}, {@code Boolean} or {@code null}.
     *
     * @throws MalformedJsonException when the text is not exactly one JSON value within the limits
     */
    public static Object read(String text) {
        return read(text, Limits.WEBHOOK);
    }

    /**
     * Reads one JSON value within {@code limits}.
     *
     * @throws MalformedJsonException when the text is not exactly one JSON value within the limits
     */
    public static Object read(String text, Limits limits) {
        JsonFactory factory = limits == Limits.AWS_EVENT ? AWS_EVENT_FACTORY
                : limits == Limits.WEBHOOK ? FACTORY : limits.factory();
        try (JsonParser parser = factory.createParser(text)) {
            try {
                Object value = JSON.anyFrom(parser);
                if (parser.nextToken() != null) {
                    throw new MalformedJsonException("there is more content after the end of the JSON value",
                            where(parser));
                }
                return value;
            } catch (JsonProcessingException e) {
                throw new MalformedJsonException(reason(e, limits), where(parser));
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

    private static String reason(JsonProcessingException e, Limits limits) {
        if (e instanceof JsonEOFException) {
            return "the JSON ends before it is complete (truncated?)";
        }
        if (e instanceof StreamConstraintsException) {
            String message = e.getOriginalMessage();
            if (message.contains("nesting depth")) {
                return "objects and arrays nest deeper than " + limits.maxNestingDepth() + " levels (" + limits.name()
                        + " limit)";
            }
            if (message.startsWith("Number")) {
                return "a number is longer than " + MAX_NUMBER_LENGTH + " characters";
            }
            if (message.startsWith("String")) {
                return "a string is longer than " + limits.maxStringLength() + " characters (" + limits.name()
                        + " limit)";
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
