package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.http.HttpError;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Provenance;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The body of the generic webhook (docs/CONTRACTS.md, "The generic webhook"). Fields it does not
 * know are ignored, so senders can add their own; fields it knows are checked strictly. The alert
 * happened at {@code occurredAt} (ISO-8601), else when it was received; the optional header
 * {@value #DELIVERY_ID_HEADER} is the delivery id a sender repeats when it retries.
 */
public final class GenericAlertNormalizer implements AlertNormalizer {
    /** The header that carries the sender's delivery id (optional). */
    public static final String DELIVERY_ID_HEADER = "X-Incident-Delivery-Id";
    static final int MAX_DELIVERY_ID = 256;
    private static final Pattern DELIVERY_ID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_DELIVERY_ID + "}");
    static final int MAX_TITLE = 256;
    static final int MAX_NAME = Names.MAX_NAME;
    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_DEDUP_KEY = 256;
    static final int MAX_LABELS = 20;
    static final int MAX_LABEL_VALUE = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]+");
    private static final String NAME_RULE = "letters, digits and . _ : / - only";

    @Override
    public Alert normalize(String source, Map<String, Object> body, Instant receivedAt) {
        String title = text(body, "title", MAX_TITLE, false);
        if (title == null) {
            throw missing("title", "a one-line summary of 1-" + MAX_TITLE + " characters, e.g. \"Disk full on db-1\"");
        }
        if (title.isBlank()) {
            throw invalid("title", "is blank; give a one-line summary, e.g. \"Disk full on db-1\"");
        }
        String severityValue = text(body, "severity", MAX_NAME, false);
        if (severityValue == null) {
            throw missing("severity", "one of " + Severity.allValues());
        }
        Severity severity = Severity.fromValue(severityValue).orElseThrow(() -> invalid("severity",
                "is '" + severityValue + "'; use one of " + Severity.allValues()));
        return new Alert(source, severity, title,
                text(body, "description", MAX_DESCRIPTION, true),
                name(body, "service", "unknown"),
                name(body, "category", "other"),
                text(body, "dedupKey", MAX_DEDUP_KEY, false),
                labels(body.get("labels")),
                occurredAt(body).orElse(receivedAt));
    }

    @Override
    public Optional<String> deliveryId(Map<String, Object> body, Map<String, String> headers) {
        String id = headers.get(DELIVERY_ID_HEADER);
        if (id == null) {
            return Optional.empty();
        }
        if (!DELIVERY_ID.matcher(id).matches()) {
            throw new HttpError(400, "invalid_header", "The header " + DELIVERY_ID_HEADER + " must be 1-"
                    + MAX_DELIVERY_ID + " printable ASCII characters without spaces, e.g. a UUID; send the same"
                    + " value when you retry a delivery, or leave the header out.");
        }
        return Optional.of(id);
    }

    private static Optional<Instant> occurredAt(Map<String, Object> body) {
        String value = text(body, "occurredAt", 64, false);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parseSourceTime(value).filter(t -> !value.strip().matches("[0-9.]+"))
                .orElseThrow(() -> invalid("occurredAt", "is '" + value + "'; send when the alert happened as an"
                        + " ISO-8601 time with a zone, e.g. 2026-11-25T05:58:12Z")));
    }

    /** @return the string value of {@code field}, or {@code null} when it is absent or JSON null */
    private static String text(Map<String, Object> body, String field, int maxLength, boolean lineBreaksAllowed) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw invalid(field, "must be a string, not " + kind(value));
        }
        return checkedText(field, (String) value, maxLength, lineBreaksAllowed);
    }

    private static String checkedText(String field, String value, int maxLength, boolean lineBreaksAllowed) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw invalid(field, "is " + length + " characters long; the limit is " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if (Character.isISOControl(c) && !(lineBreaksAllowed && lineBreak)) {
                throw invalid(field, String.format("contains the control character U+%04X at position %d; remove it%s",
                        (int) c, i, lineBreaksAllowed ? "" : " (only 'description' may contain line breaks and tabs)"));
            }
        }
        return value;
    }

    private static String name(Map<String, Object> body, String field, String fallback) {
        String value = text(body, field, MAX_NAME, false);
        if (value == null) {
            return fallback;
        }
        if (!NAME.matcher(value).matches()) {
            throw invalid(field, "must be 1-" + MAX_NAME + " characters of " + NAME_RULE + ", e.g. orders-db");
        }
        return value;
    }

    private static Map<String, String> labels(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw invalid("labels", "must be an object of string values, e.g. {\"team\":\"storage\"}, not " + kind(value));
        }
        Map<?, ?> given = (Map<?, ?>) value;
        if (given.size() > MAX_LABELS) {
            throw invalid("labels", "has " + given.size() + " entries; the limit is " + MAX_LABELS);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        given.forEach((key, labelValue) -> {
            String labelName = (String) key; // JSON object keys are strings
            String field = "labels." + labelName;
            if (labelName.length() > MAX_NAME || !NAME.matcher(labelName).matches()) {
                throw invalid(field, "is not a valid label name; use 1-" + MAX_NAME + " characters of " + NAME_RULE);
            }
            if (Provenance.RESERVED_LABELS.contains(labelName)) {
                throw new HttpError(400, "reserved_label", "'" + field + "' names a remediation target, which only an"
                        + " AWS finding the pipeline verifies itself may set (reserved: "
                        + new TreeSet<>(Provenance.RESERVED_LABELS) + "). Rename the label, e.g. 'bucket' or"
                        + " 'securityGroup'; nothing was recorded.");
            }
            if (!(labelValue instanceof String)) {
                throw invalid(field, "must be a string, not " + kind(labelValue));
            }
            labels.put(labelName, checkedText(field, (String) labelValue, MAX_LABEL_VALUE, false));
        });
        return labels;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a boolean"; // all that is left in JSON: true or false
    }

    private static HttpError missing(String field, String expected) {
        return new HttpError(400, "missing_field", "'" + field + "' is required: send " + expected + ".");
    }

    private static HttpError invalid(String field, String problem) {
        return new HttpError(400, "invalid_field", "'" + field + "' " + problem + ".");
    }
}
