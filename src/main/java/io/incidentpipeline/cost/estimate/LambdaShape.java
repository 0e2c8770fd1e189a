package io.incidentpipeline.cost.estimate;

import java.util.Optional;

/**
 * What the cost of a Lambda function depends on, read from its template properties with the
 * CloudFormation defaults (128 MB, x86_64) where the template leaves them out.
 *
 * @param handler        the {@code Handler} property
 * @param role           the part it plays, from the handler
 * @param memoryMb       {@code MemorySize}
 * @param arm64          whether {@code Architectures} is arm64
 * @param tracingActive  whether {@code TracingConfig.Mode} is Active
 * @param logGroupId     the log group {@code LoggingConfig.LogGroup} refers to in the template, if any
 * @param platformLogs   whether Lambda writes its platform lines (start, report) for each invocation:
 *                       true unless {@code LoggingConfig.SystemLogLevel} is WARN or above
 */
record LambdaShape(String handler, HandlerRole role, int memoryMb, boolean arm64, boolean tracingActive,
                   Optional<String> logGroupId, boolean platformLogs) {
    static final int DEFAULT_MEMORY_MB = 128;

    static LambdaShape of(TemplateResource function) {
        String handler = function.text("Handler").orElse("");
        boolean arm64 = function.property("Architectures").path(0).asText("x86_64").equals("arm64");
        return new LambdaShape(handler, HandlerRole.of(handler),
                (int) function.number("MemorySize").orElse(DEFAULT_MEMORY_MB), arm64,
                function.text("TracingConfig", "Mode").map("Active"::equals).orElse(false),
                TemplateResource.target(function.property("LoggingConfig", "LogGroup")),
                function.text("LoggingConfig", "SystemLogLevel").map(level -> level.equals("DEBUG") || level.equals("INFO"))
                        .orElse(true));
    }

    String architecture() {
        return arm64 ? "arm64" : "x86_64";
    }
}
