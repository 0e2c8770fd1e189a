package io.incidentpipeline.escalation;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;

/**
 * One level of an {@link EscalationPolicy}: "if nobody acknowledged the incident {@code after} this
 * long, notify these targets".
 *
 * <pre>{@code
 * EscalationLevel.after(Duration.minutes(5), EscalationTarget.topic("urgent", urgentTopic))
 * }</pre>
 */
public final class EscalationLevel {
    /** The longest wait before a level. */
    public static final Duration MAX_AFTER = Duration.hours(24);
    /** The most targets of a level: an EventBridge rule takes five. */
    public static final int MAX_TARGETS = 5;

    private final Duration after;
    private final List<EscalationTarget> targets;

    private EscalationLevel(Duration after, List<EscalationTarget> targets) {
        this.after = after;
        this.targets = targets;
    }

    /**
     * @param after   how long after the previous level (the first level: after the incident opened,
     *                or its severity rose) the level falls due if nobody acknowledged the incident; from
     *                zero (at the next sweep, within a minute) to {@link #MAX_AFTER}
     * @param targets who it notifies: one to {@value #MAX_TARGETS}, names unique
     * @return the level
     * @throws IllegalArgumentException naming what is out of range
     */
    public static EscalationLevel after(Duration after, EscalationTarget... targets) {
        Objects.requireNonNull(after, "after");
        double seconds = after.toSeconds().doubleValue();
        if (seconds < 0 || seconds > MAX_AFTER.toSeconds().doubleValue()) {
            throw new IllegalArgumentException("EscalationLevel.after must be from 0 to 24 hours, got "
                    + after.toHumanString());
        }
        List<EscalationTarget> list = List.of(targets);
        if (list.isEmpty() || list.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("An EscalationLevel notifies 1 to " + MAX_TARGETS + " targets, got "
                    + list.size() + ": pass them to EscalationLevel.after(duration, targets...)");
        }
        if (list.stream().map(EscalationTarget::getName).distinct().count() < list.size()) {
            throw new IllegalArgumentException("The targets of an EscalationLevel need distinct names, got "
                    + list.stream().map(EscalationTarget::getName).toList());
        }
        return new EscalationLevel(after, list);
    }

    /** @return how long after the previous level (or the start) this level falls due */
    public Duration getAfter() {
        return after;
    }

    /** @return who this level notifies */
    public List<EscalationTarget> getTargets() {
        return targets;
    }
}
