package io.incidentpipeline.notify;

import io.incidentpipeline.PropsChecks;
import java.util.List;
import software.amazon.awscdk.services.events.IEventBus;

/** Properties of {@link SeverityNotifications}. Only {@code bus} is required. */
public final class SeverityNotificationsProps {
    private final IEventBus bus;
    private final List<String> urgentEmails;
    private final TopicEncryption encryption;

    private SeverityNotificationsProps(Builder b) {
        this.bus = b.bus;
        this.urgentEmails = List.copyOf(b.urgentEmails);
        this.encryption = b.encryption;
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

    /** Builder for {@link SeverityNotificationsProps}. */
    public static final class Builder {
        private IEventBus bus;
        private List<String> urgentEmails = List.of();
        private TopicEncryption encryption = TopicEncryption.ownKey();

        private Builder() {
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
         * @throws IllegalArgumentException when the bus is missing
         */
        public SeverityNotificationsProps build() {
            if (bus == null) {
                throw new IllegalArgumentException("SeverityNotificationsProps.bus is required: the incident bus");
            }
            return new SeverityNotificationsProps(this);
        }
    }
}
