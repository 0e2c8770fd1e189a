package io.incidentpipeline.config;

import java.util.List;

/**
 * Thrown when the CDK context holds a value the pipeline cannot use. The message lists every
 * problem at once, each naming the context key, the value found and how to fix it, so a user
 * fixes a configuration in one round trip instead of one synth per mistake.
 */
public final class ConfigurationException extends RuntimeException {
    /** Every problem found, one sentence each naming the key, the value and the fix. */
    private final List<String> problems;

    ConfigurationException(List<String> problems) {
        super("Invalid Incident Pipeline configuration (CDK context, see cdk.json or -c key=value):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one line per invalid key, each naming the key and the fix */
    public List<String> getProblems() {
        return problems;
    }
}
