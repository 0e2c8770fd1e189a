package io.incidentpipeline.routing;

import io.incidentpipeline.PropsChecks;
import software.amazon.awscdk.services.events.IEventBus;

/** Properties of an {@link IncidentRule}. */
public final class IncidentRuleProps {
    private final IEventBus bus;
    private final IncidentPattern pattern;
    private final String description;

    private IncidentRuleProps(Builder b) {
        this.bus = b.bus;
        this.pattern = b.pattern;
        this.description = b.description;
    }

    /** @return a builder; {@code bus} and {@code pattern} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the bus to match on: usually {@link IncidentBus#getEventBus()}} Required. */
    public IEventBus getBus() {
        return bus;
    }

    /** {@return which incident events match} Required. */
    public IncidentPattern getPattern() {
        return pattern;
    }

    /**
     * {@return what the route is for, shown in the console}
     *
     * @default no description
     */
    public String getDescription() {
        return description;
    }

    /** Builder for {@link IncidentRuleProps}. */
    public static final class Builder {
        private IEventBus bus;
        private IncidentPattern pattern;
        private String description;

        private Builder() {
        }

        /**
         * Sets the value of {@link IncidentRuleProps#getBus()}.
         *
         * @param bus the bus to match on: usually {@link IncidentBus#getEventBus()}
         * @return this builder
         */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Sets the value of {@link IncidentRuleProps#getPattern()}.
         *
         * @param pattern which incident events match
         * @return this builder
         */
        public Builder pattern(IncidentPattern pattern) {
            this.pattern = pattern;
            return this;
        }

        /**
         * Sets the value of {@link IncidentRuleProps#getDescription()}.
         *
         * @param description what the route is for, shown in the console
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws NullPointerException naming the missing required property
         */
        public IncidentRuleProps build() {
            PropsChecks.required(bus, "IncidentRuleProps.bus is required: pass the bus to match on");
            PropsChecks.required(pattern, "IncidentRuleProps.pattern is required: build one with IncidentPattern.builder()");
            return new IncidentRuleProps(this);
        }
    }
}
