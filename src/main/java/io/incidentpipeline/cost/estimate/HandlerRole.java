package io.incidentpipeline.cost.estimate;

/**
 * The part a Lambda function plays in the pipeline, told by its {@code Handler} property: how
 * often an alert invokes it depends on nothing else.
 */
public enum HandlerRole {
    /** {@code ...IngestHandler::handleRequest}: every alert. */
    INGEST,
    /** {@code ...HealthHandler::handleRequest}: every /health probe, no alert. */
    HEALTH,
    /** {@code ...StreamPublisher...}: once per table write of an incident. */
    PUBLISHER,
    /** {@code ...Playbook...}: once per alert routed to a playbook. */
    PLAYBOOK,
    /** {@code ...DueWorkSweeper...}: once a minute, whatever the alerts (idle cost). */
    SWEEPER,
    /** Anything else, e.g. a deployment-time custom resource: not on the alert path. */
    OTHER;

    /**
     * @param handler the function's {@code Handler}, e.g. {@code io.incidentpipeline.handlers.ingest.IngestHandler::handleRequest}
     * @return the role of a function with this {@code Handler} property (empty: {@link #OTHER})
     */
    public static HandlerRole of(String handler) {
        String type = handler.split("::", 2)[0];
        String simpleName = type.substring(type.lastIndexOf('.') + 1);
        if (simpleName.endsWith("IngestHandler")) {
            return INGEST;
        }
        if (simpleName.equals("HealthHandler")) {
            return HEALTH;
        }
        if (simpleName.contains("StreamPublisher")) {
            return PUBLISHER;
        }
        if (simpleName.equals("DueWorkSweeper")) {
            return SWEEPER;
        }
        if (simpleName.contains("Playbook")) {
            return PLAYBOOK;
        }
        return OTHER;
    }
}
