package io.incidentpipeline.routing;

import java.util.List;
import software.amazon.awscdk.Duration;

/** Properties of an {@link IncidentBus}. Every property is optional. */
public final class IncidentBusProps {
    private final Duration archiveRetention;
    private final List<String> publisherRoleArns;

    private IncidentBusProps(Builder b) {
        this.archiveRetention = b.archiveRetention;
        this.publisherRoleArns = List.copyOf(b.publisherRoleArns);
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return how long the archive keeps every incident event for replay}
     *
     * @default Duration.days(90)
     */
    public Duration getArchiveRetention() {
        return archiveRetention == null ? Duration.days(90) : archiveRetention;
    }

    /**
     * {@return ARNs of roles of other stacks or apps that may put the pipeline's events on this bus, besides
     * the roles given {@link IncidentBus#grantPutEvents}: the bus policy denies every other principal}
     * Such a role also needs {@code events:PutEvents} in its own policy (an imported bus's
     * {@code grantPutEvents} adds it).
     *
     * @default none
     */
    public List<String> getPublisherRoleArns() {
        return publisherRoleArns;
    }

    /** Builder for {@link IncidentBusProps}. */
    public static final class Builder {
        private Duration archiveRetention;
        private List<String> publisherRoleArns = List.of();

        private Builder() {
        }

        /**
         * @param archiveRetention see {@link IncidentBusProps#getArchiveRetention()}
         * @return this builder
         */
        public Builder archiveRetention(Duration archiveRetention) {
            if (archiveRetention != null && archiveRetention.toHours().doubleValue() < 24) {
                throw new IllegalArgumentException("IncidentBusProps.archiveRetention must be at least one day, got "
                        + archiveRetention.toHumanString());
            }
            this.archiveRetention = archiveRetention;
            return this;
        }

        /**
         * @param publisherRoleArns see {@link IncidentBusProps#getPublisherRoleArns()}
         * @return this builder
         * @throws IllegalArgumentException on a null list or a blank ARN
         */
        public Builder publisherRoleArns(List<String> publisherRoleArns) {
            if (publisherRoleArns == null || publisherRoleArns.stream().anyMatch(a -> a == null || a.isBlank())) {
                throw new IllegalArgumentException("IncidentBusProps.publisherRoleArns must be a list of role ARNs, got "
                        + publisherRoleArns + ": leave it out for none");
            }
            this.publisherRoleArns = publisherRoleArns;
            return this;
        }

        /** @return the properties */
        public IncidentBusProps build() {
            return new IncidentBusProps(this);
        }
    }
}
