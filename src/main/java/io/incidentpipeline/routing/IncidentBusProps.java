package io.incidentpipeline.routing;

import software.amazon.awscdk.Duration;

/** Properties of an {@link IncidentBus}. Every property is optional. */
public final class IncidentBusProps {
    private final Duration archiveRetention;

    private IncidentBusProps(Builder b) {
        this.archiveRetention = b.archiveRetention;
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long the archive keeps every incident event for replay.
     *
     * @default Duration.days(90)
     */
    public Duration getArchiveRetention() {
        return archiveRetention == null ? Duration.days(90) : archiveRetention;
    }

    /** Builder for {@link IncidentBusProps}. */
    public static final class Builder {
        private Duration archiveRetention;

        private Builder() {
        }

        /** @see IncidentBusProps#getArchiveRetention() */
        public Builder archiveRetention(Duration archiveRetention) {
            if (archiveRetention != null && archiveRetention.toHours().doubleValue() < 24) {
                throw new IllegalArgumentException("IncidentBusProps.archiveRetention must be at least one day, got "
                        + archiveRetention.toHumanString());
            }
            this.archiveRetention = archiveRetention;
            return this;
        }

        public IncidentBusProps build() {
            return new IncidentBusProps(this);
        }
    }
}
