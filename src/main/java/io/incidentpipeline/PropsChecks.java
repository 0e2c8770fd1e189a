package io.incidentpipeline;

/**
 * The null check every props builder of the library applies: an {@link IllegalArgumentException}
 * naming the property the user set ({@code NotificationTopicProps.emails}) and the fix, where
 * {@code Objects.requireNonNull} gave a bare {@link NullPointerException} with the field's name.
 */
public final class PropsChecks {
    private PropsChecks() {
    }

    /**
     * @param <T> the property's type
     * @param value the value passed to a builder method
     * @param property the property as the user wrote it, such as {@code NotificationTopicProps.emails}
     * @return the value, when not null
     * @throws IllegalArgumentException when it is null
     */
    public static <T> T notNull(T value, String property) {
        if (value == null) {
            throw new IllegalArgumentException(property + " must not be null: pass a value, or leave the call out"
                    + " for its default");
        }
        return value;
    }

    /**
     * @param <T> the property's type
     * @param value a required property's value
     * @param message what is required and how to provide it, naming the property
     * @return the value, when not null
     * @throws IllegalArgumentException with the message when it is null
     */
    public static <T> T required(T value, String message) {
        if (value == null) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }
}
