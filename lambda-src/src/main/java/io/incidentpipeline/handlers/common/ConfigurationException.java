package io.incidentpipeline.handlers.common;

/**
 * A function whose environment is wrong: thrown at init, so the deployment's first invocation
 * fails loudly with a message that names the variable and the fix.
 */
public final class ConfigurationException extends IllegalStateException {
    /** @param message what is wrong and how to fix it */
    public ConfigurationException(String message) {
        super(message);
    }
}
