package io.incidentpipeline.notify;

import java.util.List;
import java.util.Objects;

/** Properties of a {@link NotificationTopic}. Every property is optional. */
public final class NotificationTopicProps {
    private final String displayName;
    private final List<String> emails;

    private NotificationTopicProps(Builder b) {
        this.displayName = b.displayName;
        this.emails = List.copyOf(b.emails);
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The topic's display name, shown as the sender of e-mails.
     *
     * @default "Incident notifications"
     */
    public String getDisplayName() {
        return displayName;
    }

    /**
     * Addresses to subscribe; each must confirm the subscription e-mail AWS sends.
     *
     * @default none
     */
    public List<String> getEmails() {
        return emails;
    }

    /** Builder for {@link NotificationTopicProps}. */
    public static final class Builder {
        private String displayName = "Incident notifications";
        private List<String> emails = List.of();

        private Builder() {
        }

        /** @see NotificationTopicProps#getDisplayName() */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /** @see NotificationTopicProps#getEmails() */
        public Builder emails(List<String> emails) {
            this.emails = Objects.requireNonNull(emails, "emails");
            return this;
        }

        /** @throws IllegalArgumentException when an address is not an e-mail address */
        public NotificationTopicProps build() {
            for (String email : emails) {
                if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw new IllegalArgumentException("NotificationTopicProps.emails: '" + email
                            + "' is not an e-mail address such as oncall@example.com");
                }
            }
            return new NotificationTopicProps(this);
        }
    }
}
