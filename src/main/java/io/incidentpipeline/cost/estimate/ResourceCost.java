package io.incidentpipeline.cost.estimate;

/**
 * One row of the estimate: a template resource and what it costs.
 *
 * @param stack               the stack
 * @param logicalId           the logical id in the template
 * @param type                the CloudFormation type
 * @param idleMonthlyUsd      USD a month with zero alerts
 * @param perMillionAlertsUsd USD per million alerts
 * @param kind                priced, no charge of its own, or not priced by the model
 * @param note                how the figures were reached
 */
public record ResourceCost(String stack, String logicalId, String type, double idleMonthlyUsd,
                           double perMillionAlertsUsd, Kind kind, String note) {
    /** The note of a resource type the model does not know. */
    public static final String NOT_PRICED = "not priced by the model";

    /** How the model treated a resource. */
    public enum Kind {
        /** Priced by a model (possibly at $0, with the reason in the note). */
        PRICED,
        /** Bills nothing of its own: configuration, or priced on another row. */
        NO_CHARGE,
        /** Unknown to the model: $0 here, but it may cost money. */
        NOT_PRICED
    }
}
