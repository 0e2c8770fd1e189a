package io.incidentpipeline.handlers.common;

import java.util.regex.Pattern;

/**
 * Turns what third-party tools send into the field shapes of an incident (docs/CONTRACTS.md), for
 * every producer of alerts: the normalizers and drift detection.
 */
public final class Names {
    /** The longest service or category name (docs/CONTRACTS.md). */
    public static final int MAX_NAME = 128;
    private static final Pattern NOT_A_NAME = Pattern.compile("[^A-Za-z0-9._:/-]");

    private Names() {
    }

    /** @return {@code value} as a service or category name: other characters become {@code -}, at most 128 */
    public static String of(String value) {
        return truncate(NOT_A_NAME.matcher(value.strip()).replaceAll("-"), MAX_NAME);
    }

    /** @return {@code text}, cut to {@code max} characters */
    public static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
