package io.incidentpipeline.notify;

import io.incidentpipeline.PropsChecks;
import java.util.List;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.events.IEventBus;

/** Properties of {@link SeverityNotifications}. Only {@code bus} is required. */
public final class SeverityNotificationsProps {
    private final IEventBus bus;
    private final List<String> urgentEmails;
    private final TopicEncryption encryption;
    private final ITopic urgentTopic;
    private final ITopic routineTopic;

    private SeverityNotificationsProps(Builder b) {
        this.bus = b.bus;
        this.urgentEmails = List.copyOf(b.urgentEmails);
        this.encryption = b.encryption;
        this.urgentTopic = b.urgentTopic;
        this.routineTopic = b.routineTopic;
    }

    /** @return a builder; {@code bus} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the incident bus} Required. */
    public IEventBus getBus() {
        return bus;
    }

    /**
     * Addresses e-mailed about critical and high incidents.
     *
     * @return the addresses
     * @default none
     */
    public List<String> getUrgentEmails() {
        return urgentEmails;
    }

    /**
     * {@return how both topics are encrypted; pass a shared key rather than letting each create its own}
     *
     * @default TopicEncryption.ownKey() - a key per topic
     */
    public TopicEncryption getEncryption() {
        return encryption;
    }

    /**
     * An existing topic for critical and high incidents (and failed playbooks) instead of the one
     * this construct creates: a platform team's paging topic, say. It must let EventBridge publish
     * ({@code events.amazonaws.com}, {@code sns:Publish}, with {@code aws:SourceArn} the rules) and,
     * if encrypted, its key must let EventBridge use it: CDK cannot add either to an imported topic.
     * E-mail subscribers are yours to manage on it.
     *
     * @return the topic, or null
     * @default a new topic, encrypted as {@link #getEncryption()} says
     */
    public ITopic getUrgentTopic() {
        return urgentTopic;
    }

    /**
     * An existing topic for medium, low and info incidents instead of the one this construct creates;
     * the same conditions as {@link #getUrgentTopic()}.
     *
     * @return the topic, or null
     * @default a new topic, encrypted as {@link #getEncryption()} says
     */
    public ITopic getRoutineTopic() {
        return routineTopic;
    }

    /** Builder for {@link SeverityNotificationsProps}. */
    public static final class Builder {
        private IEventBus bus;
        private List<String> urgentEmails = List.of();
        private TopicEncryption encryption = TopicEncryption.ownKey();
        private ITopic urgentTopic;
        private ITopic routineTopic;

        private Builder() {
        }

        /**
         * Sets the value of {@link SeverityNotificationsProps#getUrgentTopic()}.
         *
         * @param urgentTopic an existing topic for critical and high incidents
         * @return this builder
         */
        public Builder urgentTopic(ITopic urgentTopic) {
            this.urgentTopic = PropsChecks.notNull(urgentTopic, "SeverityNotificationsProps.urgentTopic");
            return this;
        }

        /**
         * Sets the value of {@link SeverityNotificationsProps#getRoutineTopic()}.
         *
         * @param routineTopic an existing topic for medium, low and info incidents
         * @return this builder
         */
        public Builder routineTopic(ITopic routineTopic) {
            this.routineTopic = PropsChecks.notNull(routineTopic, "SeverityNotificationsProps.routineTopic");
            return this;
        }

        /**
         * Sets the value of {@link SeverityNotificationsProps#getBus()}.
         *
         * @param bus the incident bus
         * @return this builder
         */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Sets the value of {@link SeverityNotificationsProps#getUrgentEmails()}.
         *
         * @param urgentEmails addresses e-mailed about critical and high incidents
         * @return this builder
         */
        public Builder urgentEmails(List<String> urgentEmails) {
            this.urgentEmails = PropsChecks.notNull(urgentEmails, "SeverityNotificationsProps.urgentEmails");
            return this;
        }

        /**
         * Sets the value of {@link SeverityNotificationsProps#getEncryption()}.
         *
         * @param encryption how both topics are encrypted; pass a shared key rather than letting each create its
         *     own
         * @return this builder
         */
        public Builder encryption(TopicEncryption encryption) {
            this.encryption = PropsChecks.notNull(encryption, "SeverityNotificationsProps.encryption");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException when the bus is missing, or e-mails are given for an urgent
         *                                  topic this construct does not create
         */
        public SeverityNotificationsProps build() {
            if (bus == null) {
                throw new IllegalArgumentException("SeverityNotificationsProps.bus is required: the incident bus");
            }
            if (urgentTopic != null && !urgentEmails.isEmpty()) {
                throw new IllegalArgumentException("SeverityNotificationsProps.urgentEmails cannot be subscribed to an"
                        + " urgentTopic you bring: subscribe them on your topic, or drop urgentTopic to let the"
                        + " construct create one with these subscribers");
            }
            return new SeverityNotificationsProps(this);
        }
    }
}
