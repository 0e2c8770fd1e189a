package io.incidentpipeline.lambda;

import java.util.Arrays;

/**
 * The deployable jars of the Lambda handlers, one per group of handlers that use the same AWS
 * clients, so no function uploads, loads or snapshots a service SDK it never calls. Which handler
 * is in which jar follows from its package (lambda-src/pom.xml builds them the same way).
 */
public enum HandlerJar {
    /** Alert intake (API, SNS, EventBridge) and the operator API: DynamoDB and Secrets Manager. */
    INGEST("incident-pipeline-ingest.jar", "ingest", "operator"),
    /** The stream publisher, {@code /health}, and the playbook runtime: DynamoDB and EventBridge. */
    EVENTS("incident-pipeline-events.jar", "publish", "health", "playbook"),
    /** The built-in remediations and drift detection: DynamoDB, S3, CloudFormation, EC2. */
    REMEDIATION("incident-pipeline-remediation.jar", "remediation");

    private static final String HANDLERS_PACKAGE = "io.incidentpipeline.handlers.";

    private final String fileName;
    private final String[] packages;

    HandlerJar(String fileName, String... packages) {
        this.fileName = fileName;
        this.packages = packages;
    }

    /** @return the jar's file name, e.g. {@code incident-pipeline-ingest.jar} */
    public String getFileName() {
        return fileName;
    }

    /**
     * @param handler a Lambda handler string, e.g. {@code io.incidentpipeline.handlers.ingest.IngestHandler::handleRequest}
     * @return the jar that holds it
     * @throws IllegalArgumentException when no jar holds classes of the handler's package
     */
    public static HandlerJar forHandler(String handler) {
        for (HandlerJar jar : values()) {
            for (String pkg : jar.packages) {
                String prefix = HANDLERS_PACKAGE + pkg + ".";
                if (handler.startsWith(prefix) && handler.indexOf('.', prefix.length()) < 0) {
                    return jar;
                }
            }
        }
        throw new IllegalArgumentException("No deployable jar holds the handler '" + handler + "'. Handlers live in "
                + HANDLERS_PACKAGE + "<package>, one of " + Arrays.stream(values())
                .flatMap(jar -> Arrays.stream(jar.packages)).toList() + "; a new package needs a jar in lambda-src/pom.xml"
                + " and here.");
    }
}
