package io.incidentpipeline.handlers.common;

import java.util.Map;

/** The environment variables a handler is configured with (set by the constructs; see docs/CONTRACTS.md). */
public final class Environment {
    private final Map<String, String> variables;

    /** @param variables usually {@code System.getenv()} */
    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** @return the value of a variable that must be set and not blank */
    public String required(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(name + " is not set. The Incident Pipeline construct sets it;"
                    + " if you deploy this function yourself, set it as docs/CONTRACTS.md describes.");
        }
        return value.trim();
    }

    /** @return the value of a variable, or {@code fallback} when it is unset */
    public String optional(String name, String fallback) {
        String value = variables.get(name);
        return value == null ? fallback : value.trim();
    }

    /** @return a positive whole number, or {@code fallback} when the variable is unset or blank */
    public int positiveInt(String name, int fallback) {
        return wholeNumber(name, fallback, 1, "a positive whole number");
    }

    /** @return a whole number of zero or more, or {@code fallback} when the variable is unset or blank */
    public int nonNegativeInt(String name, int fallback) {
        return wholeNumber(name, fallback, 0, "a whole number, zero or more");
    }

    private int wholeNumber(String name, int fallback, int min, String what) {
        String value = optional(name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new ConfigurationException(name + " is '" + value + "'; set it to " + what
                + " (default " + fallback + ").");
    }
}
