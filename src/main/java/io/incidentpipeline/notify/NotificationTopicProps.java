package io.incidentpipeline.notify;

import io.incidentpipeline.PropsChecks;
import java.util.List;

/** Properties of a {@link NotificationTopic}. Every property is optional. */
public final class NotificationTopicProps {
    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private final String displayName;
    private final List<String> emails;
    private final TopicEncryption encryption;
    private final List<String> publishingServices;
    private final String topicName;

    private NotificationTopicProps(Builder b) {
        this.displayName = b.displayName;
        this.emails = List.copyOf(b.emails);
        this.encryption = b.encryption;
        this.publishingServices = List.copyOf(b.publishingServices);
        this.topicName = b.topicName;
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the topic's display name, shown as the sender of e-mails}
     *
     * @default "Incident notifications"
     */
    public String getDisplayName() {
        return displayName;
    }

    /**
     * Addresses to subscribe; each must confirm the subscription e-mail AWS sends.
     *
     * @return the addresses
     * @default none
     */
    public List<String> getEmails() {
        return emails;
    }

    /**
     * {@return how the topic is encrypted at rest}
     *
     * @default TopicEncryption.ownKey()
     */
    public TopicEncryption getEncryption() {
        return encryption;
    }

    /**
     * {@return AWS service principals allowed to publish, limited to this account's resources, e.g.
     * {@code budgets.amazonaws.com}} EventBridge rule targets get their permission on their own.
     *
     * @default [events.amazonaws.com]
     */
    public List<String> getPublishingServices() {
        return publishingServices;
    }

    /**
     * {@return the topic's physical name, for subscribers in other stacks or regions that build its ARN}
     *
     * @default a name CloudFormation generates
     */
    public String getTopicName() {
        return topicName;
    }

    /**
     * Whether a string is an e-mail address SNS can subscribe: the check every construct that
     * takes e-mail addresses applies, so each can name its own property in its error.
     *
     * @param email the string, possibly null
     * @return whether it is an e-mail address
     */
    public static boolean isEmailAddress(String email) {
        return email != null && email.matches(EMAIL);
    }

    /** Builder for {@link NotificationTopicProps}. */
    public static final class Builder {
        private String displayName = "Incident notifications";
        private List<String> emails = List.of();
        private TopicEncryption encryption = TopicEncryption.ownKey();
        private List<String> publishingServices = List.of("events.amazonaws.com");
        private String topicName;

        private Builder() {
        }

        /**
         * Sets the value of {@link NotificationTopicProps#getTopicName()}.
         *
         * @param topicName the topic's physical name, for subscribers in other stacks or regions that build its
         *     ARN
         * @return this builder
         */
        public Builder topicName(String topicName) {
            this.topicName = topicName;
            return this;
        }

        /**
         * Sets the value of {@link NotificationTopicProps#getDisplayName()}.
         *
         * @param displayName the topic's display name, shown as the sender of e-mails
         * @return this builder
         */
        public Builder displayName(String displayName) {
            this.displayName = PropsChecks.notNull(displayName, "NotificationTopicProps.displayName");
            return this;
        }

        /**
         * Sets the value of {@link NotificationTopicProps#getEmails()}.
         *
         * @param emails addresses to subscribe; each must confirm the subscription e-mail AWS sends
         * @return this builder
         */
        public Builder emails(List<String> emails) {
            this.emails = PropsChecks.notNull(emails, "NotificationTopicProps.emails");
            return this;
        }

        /**
         * Sets the value of {@link NotificationTopicProps#getEncryption()}.
         *
         * @param encryption how the topic is encrypted at rest
         * @return this builder
         */
        public Builder encryption(TopicEncryption encryption) {
            this.encryption = PropsChecks.notNull(encryption, "NotificationTopicProps.encryption");
            return this;
        }

        /**
         * Sets the value of {@link NotificationTopicProps#getPublishingServices()}.
         *
         * @param services AWS service principals allowed to publish, limited to this account's resources, e.g.
         *     {@code budgets.amazonaws.com}
         * @return this builder
         */
        public Builder publishingServices(List<String> services) {
            this.publishingServices = PropsChecks.notNull(services, "NotificationTopicProps.publishingServices");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException when an address or a service principal is malformed
         */
        public NotificationTopicProps build() {
            for (String email : emails) {
                if (!isEmailAddress(email)) {
                    throw new IllegalArgumentException("NotificationTopicProps.emails: '" + email
                            + "' is not an e-mail address such as oncall@example.com");
                }
            }
            for (String service : publishingServices) {
                if (service == null || !service.matches("[a-z0-9.-]+\\.amazonaws\\.com")) {
                    throw new IllegalArgumentException("NotificationTopicProps.publishingServices: '" + service
                            + "' is not a service principal such as budgets.amazonaws.com");
                }
            }
            return new NotificationTopicProps(this);
        }
    }
}
