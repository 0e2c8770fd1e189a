package io.incidentpipeline.routing;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.lambda.FunctionLogProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.IEventBus;

/** Properties of a {@link DueWorkSweeper}. {@code store} and {@code bus} are required. */
public final class DueWorkSweeperProps extends FunctionLogProps {
    /** The shortest takeover bound: a healthy publisher announces within seconds, retries included. */
    public static final Duration MIN_TAKEOVER_AFTER = Duration.seconds(30);
    /** The longest takeover bound: an announcement later than this no longer pages in time. */
    public static final Duration MAX_TAKEOVER_AFTER = Duration.hours(1);

    private final IIncidentStore store;
    private final IEventBus bus;
    private final Duration takeoverAfter;
    private final boolean announcementTakeover;

    private DueWorkSweeperProps(Builder b) {
        super(b);
        this.store = b.store;
        this.bus = b.bus;
        this.takeoverAfter = b.takeoverAfter;
        this.announcementTakeover = b.announcementTakeover;
    }

    /** @return a builder; {@code store} and {@code bus} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the table whose due work is swept: the replica of a global table in this region} Required. */
    public IIncidentStore getStore() {
        return store;
    }

    /** {@return the bus taken-over announcements go to: this region's incident bus} Required. */
    public IEventBus getBus() {
        return bus;
    }

    /**
     * {@return how long a change's own region has to announce it (or to fire an escalation level it
     * started) before another region's sweeper does} The sweep runs every minute, so a change is taken
     * over between this bound and a minute later.
     * Between {@link #MIN_TAKEOVER_AFTER} and {@link #MAX_TAKEOVER_AFTER}.
     *
     * @default Duration.seconds(60)
     */
    public Duration getTakeoverAfter() {
        return takeoverAfter;
    }

    /**
     * {@return whether the sweeper also announces the changes of any region that has not announced them
     * within {@link #getTakeoverAfter()}: on in every region of a multi-region pipeline} Escalation
     * levels are swept either way; a level started by another region is fired here only once it is
     * {@code takeoverAfter} overdue.
     *
     * @default true
     */
    public boolean isAnnouncementTakeover() {
        return announcementTakeover;
    }

    /** Builder for {@link DueWorkSweeperProps}. */
    public static final class Builder extends FunctionLogProps.Builder<Builder> {
        private IIncidentStore store;
        private IEventBus bus;
        private Duration takeoverAfter = Duration.seconds(60);
        private boolean announcementTakeover = true;

        private Builder() {
        }

        /**
         * @param announcementTakeover see {@link DueWorkSweeperProps#isAnnouncementTakeover()}
         * @return this builder
         */
        public Builder announcementTakeover(boolean announcementTakeover) {
            this.announcementTakeover = announcementTakeover;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the value of {@link DueWorkSweeperProps#getStore()}.
         *
         * @param store the table whose due work is swept: the replica of a global table in this region
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the value of {@link DueWorkSweeperProps#getBus()}.
         *
         * @param bus the bus taken-over announcements go to: this region's incident bus
         * @return this builder
         */
        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        /**
         * Sets the value of {@link DueWorkSweeperProps#getTakeoverAfter()}.
         *
         * @param takeoverAfter how long a change's own region has to announce it before another region's sweeper
         *     does
         * @return this builder
         */
        public Builder takeoverAfter(Duration takeoverAfter) {
            this.takeoverAfter = PropsChecks.notNull(takeoverAfter, "DueWorkSweeperProps.takeoverAfter");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming what is missing or out of range
         */
        public DueWorkSweeperProps build() {
            if (store == null) {
                throw new IllegalArgumentException("DueWorkSweeperProps.store is required: pass the IncidentStore");
            }
            if (bus == null) {
                throw new IllegalArgumentException("DueWorkSweeperProps.bus is required: pass the incident bus"
                        + " (IncidentBus.getEventBus())");
            }
            checkTakeoverAfter(takeoverAfter, "DueWorkSweeperProps.takeoverAfter");
            return new DueWorkSweeperProps(this);
        }
    }

    /**
     * @param takeoverAfter the value to check
     * @param name what to call the value in the message, e.g. the context key
     * @throws IllegalArgumentException when {@code takeoverAfter} is out of range
     */
    public static void checkTakeoverAfter(Duration takeoverAfter, String name) {
        double seconds = takeoverAfter.toSeconds().doubleValue();
        if (seconds < MIN_TAKEOVER_AFTER.toSeconds().doubleValue() || seconds > MAX_TAKEOVER_AFTER.toSeconds().doubleValue()) {
            throw new IllegalArgumentException(name + " must be from 30 seconds to 1 hour (a healthy publisher needs a few"
                    + " seconds, and a later announcement no longer pages in time), got " + takeoverAfter.toHumanString());
        }
    }
}
