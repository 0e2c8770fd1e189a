package io.incidentpipeline.escalation;

import io.incidentpipeline.routing.IncidentPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;

/** Properties of an {@link EscalationPolicy}. {@code name} and at least one level are required. */
public final class EscalationPolicyProps {
    /** The most levels of a policy. */
    public static final int MAX_LEVELS = 10;

    private final String name;
    private final IncidentPattern match;
    private final List<EscalationLevel> levels;
    private final Duration repeatEvery;

    private EscalationPolicyProps(Builder b) {
        this.name = b.name;
        this.match = b.match;
        this.levels = List.copyOf(b.levels);
        this.repeatEvery = b.repeatEvery;
    }

    /** @return a builder; {@code name} and at least one level are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The policy's name: unique among the pipeline's policies, in the events ({@code escalation.policy})
     * and the timeline. 1-64 lowercase letters, digits and dashes, starting with a letter or digit.
     *
     * @return the name; required
     */
    public String getName() {
        return name;
    }

    /**
     * {@return which incidents the policy takes: severities, services, categories, sources and labels present,
     * as an {@link IncidentPattern} has them (no detail types or findings: a policy matches incidents,
     * not events)} When several policies take an incident, the first one created wins.
     *
     * @default every incident
     */
    public IncidentPattern getMatch() {
        return match;
    }

    /**
     * The levels, in order: one to {@value #MAX_LEVELS}. From the second on, each waits at least a minute.
     *
     * @return the levels; at least one is required
     */
    public List<EscalationLevel> getLevels() {
        return levels;
    }

    /**
     * {@return how often the last level repeats while nobody acknowledges the incident, counted from the last
     * level (or repeat); from one minute to 24 hours}
     *
     * @default the last level fires once
     */
    public Duration getRepeatEvery() {
        return repeatEvery;
    }

    /** Builder for {@link EscalationPolicyProps}. */
    public static final class Builder {
        private String name;
        private IncidentPattern match = IncidentPattern.builder().build();
        private final List<EscalationLevel> levels = new ArrayList<>();
        private Duration repeatEvery;

        private Builder() {
        }

        /**
         * @param name see {@link EscalationPolicyProps#getName()}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param match see {@link EscalationPolicyProps#getMatch()}
         * @return this builder
         */
        public Builder match(IncidentPattern match) {
            this.match = Objects.requireNonNull(match, "match");
            return this;
        }

        /**
         * Adds levels, after those added before.
         *
         * @param levels see {@link EscalationPolicyProps#getLevels()}
         * @return this builder
         */
        public Builder levels(EscalationLevel... levels) {
            this.levels.addAll(List.of(levels));
            return this;
        }

        /**
         * @param repeatEvery see {@link EscalationPolicyProps#getRepeatEvery()}
         * @return this builder
         */
        public Builder repeatEvery(Duration repeatEvery) {
            this.repeatEvery = Objects.requireNonNull(repeatEvery, "repeatEvery");
            return this;
        }

        /**
         * @return the props
         * @throws IllegalArgumentException naming the property that is missing or out of range, and the fix
         */
        public EscalationPolicyProps build() {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new IllegalArgumentException("EscalationPolicyProps.name must be 1-64 lowercase letters, digits and"
                        + " dashes, starting with a letter or digit (e.g. checkout-critical), got '" + name + "'");
            }
            if (levels.isEmpty() || levels.size() > MAX_LEVELS) {
                throw new IllegalArgumentException("EscalationPolicyProps.levels: policy " + name + " needs 1 to "
                        + MAX_LEVELS + " levels, got " + levels.size() + "; add them with levels(EscalationLevel.after(…))");
            }
            for (int i = 1; i < levels.size(); i++) {
                if (levels.get(i).getAfter().toSeconds().doubleValue() < 60) {
                    throw new IllegalArgumentException("EscalationPolicyProps.levels: level " + (i + 1) + " of policy "
                            + name + " waits " + levels.get(i).getAfter().toHumanString() + "; a later level waits at"
                            + " least 1 minute (the sweep runs once a minute): merge its targets into level " + i);
                }
            }
            if (repeatEvery != null && (repeatEvery.toSeconds().doubleValue() < 60
                    || repeatEvery.toSeconds().doubleValue() > EscalationLevel.MAX_AFTER.toSeconds().doubleValue())) {
                throw new IllegalArgumentException("EscalationPolicyProps.repeatEvery of policy " + name + " must be from"
                        + " 1 minute to 24 hours, got " + repeatEvery.toHumanString());
            }
            try {
                match.toIncidentMatch();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EscalationPolicyProps.match of policy " + name + ": " + e.getMessage(), e);
            }
            return new EscalationPolicyProps(this);
        }
    }
}
