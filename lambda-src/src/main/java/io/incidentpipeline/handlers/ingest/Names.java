package io.incidentpipeline.handlers.ingest;

import java.util.regex.Pattern;

/**
 * Turns what third-party tools send into the field shapes of an incident (docs/CONTRACTS.md); public
 * for the other producers of alerts, such as drift detection.
 */
public final class Names {
    private static final Pattern NOT_A_NAME = Pattern.compile("[^A-Za-z0-9._:/-]");

    private Names() {
    }

    /** @return {@code value} as a service or category name: other characters become {@code -}, at most 128 */
    public static String of(String value) {
        return truncate(NOT_A_NAME.matcher(value.strip()).replaceAll("-"), GenericAlertNormalizer.MAX_NAME);
    }

    /** @return {@code text}, cut to {@code max} characters */
    public static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
