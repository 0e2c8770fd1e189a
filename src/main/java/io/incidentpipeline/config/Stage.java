package io.incidentpipeline.config;

import java.util.regex.Pattern;

/**
 * An isolated copy of the pipeline. Every resource name and tag carries the stage name, so many
 * stages live side by side in one account.
 *
 * <p>{@code prod} and {@code staging} keep their data when a stack is deleted; {@code dev} and
 * {@code dev-<name>} are sandboxes: one region, destroyable, short log retention.
 */
public final class Stage {
    private static final Pattern NAME = Pattern.compile("prod|staging|dev(-[a-z0-9]{1,20})?");

    private final String name;

    private Stage(String name) {
        this.name = name;
    }

    /**
     * @param name {@code prod}, {@code staging}, {@code dev} or {@code dev-<name>} ({@code <name>}:
     *     1–20 lowercase letters or digits)
     * @return the stage
     * @throws IllegalArgumentException naming the accepted forms when {@code name} is none of them
     */
    public static Stage of(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("stage must be prod, staging, dev or dev-<name> (<name>: 1-20"
                    + " lowercase letters or digits, e.g. dev-alice), got '" + name + "'");
        }
        return new Stage(name);
    }

    /** @return the stage name as given, e.g. {@code dev-alice} */
    public String getName() {
        return name;
    }

    /** @return true for {@code dev} and {@code dev-<name>}: disposable, one region, minimal retention */
    public boolean isSandbox() {
        return name.startsWith("dev");
    }

    /** @return true for {@code prod} */
    public boolean isProduction() {
        return name.equals("prod");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Stage && ((Stage) other).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
