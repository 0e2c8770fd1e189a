package io.incidentpipeline.routing;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Properties of an {@link IncidentPublisher}. */
public final class IncidentPublisherProps {
    private final IIncidentStore store;
    private final IEventBus bus;
    private final RetentionDays logRetention;
    private final RemovalPolicy logRemovalPolicy;

    private IncidentPublisherProps(Builder b) {
        this.store = b.store;
        this.bus = b.bus;
        this.logRetention = b.logRetention;
        this.logRemovalPolicy = b.logRemovalPolicy;
    }

    /** @return a builder; {@code store} and {@code bus} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the table whose stream is published} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /** {@return the bus the events go to: usually {@link IncidentBus#getEventBus()}, or a bus of your own} Required. */
    public IEventBus getBus() {
        return bus;
    }

    /**
     * {@return how long the publisher's logs are kept}
     *
     * @default RetentionDays.ONE_MONTH
     */
    public RetentionDays getLogRetention() {
        return logRetention == null ? RetentionDays.ONE_MONTH : logRetention;
    }

    /**
     * {@return what happens to the publisher's logs when the stack is deleted}
     *
     * @default RemovalPolicy.RETAIN
     */
    public RemovalPolicy getLogRemovalPolicy() {
        return logRemovalPolicy == null ? RemovalPolicy.RETAIN : logRemovalPolicy;
    }

    /** Builder for {@link IncidentPublisherProps}. */
    public static final class Builder {
        private IIncidentStore store;
        private IEventBus bus;
        private RetentionDays logRetention;
        private RemovalPolicy logRemovalPolicy;

        private Builder() {
        }

        /**
         * Sets the value of {@link IncidentPublisherProps#getStore()}.
         *
         * @param store the table whose stream is published
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link IncidentPublisherProps#getBus()}.
         *
         * @param bus the bus the events go to: usually {@link IncidentBus#getEventBus()}, or a bus of your own
         * @return this builder
         */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Sets the value of {@link IncidentPublisherProps#getLogRetention()}.
         *
         * @param logRetention how long the publisher's logs are kept
         * @return this builder
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /**
         * Sets the value of {@link IncidentPublisherProps#getLogRemovalPolicy()}.
         *
         * @param logRemovalPolicy what happens to the publisher's logs when the stack is deleted
         * @return this builder
         */
        public Builder logRemovalPolicy(RemovalPolicy logRemovalPolicy) {
            this.logRemovalPolicy = logRemovalPolicy;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws NullPointerException naming the missing required property
         */
        public IncidentPublisherProps build() {
            PropsChecks.required(store, "IncidentPublisherProps.store is required: pass the IncidentStore to publish");
            PropsChecks.required(bus, "IncidentPublisherProps.bus is required: pass the event bus to publish to (IncidentBus.getEventBus())");
            return new IncidentPublisherProps(this);
        }
    }
}
