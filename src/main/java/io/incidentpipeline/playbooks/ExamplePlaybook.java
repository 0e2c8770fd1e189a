package io.incidentpipeline.playbooks;

import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The playbook to copy: invoked by an {@code IncidentRule}, it records its run on the incident
 * with a conditional write, so a redelivered event acts once, and records its result there (the
 * incident's timeline; the publisher announces it as {@code Playbook Succeeded | Failed}). Its only
 * permissions are {@code dynamodb:GetItem} on the incident table, and {@code PutItem} and
 * {@code UpdateItem} on its incidents' own partitions (its run records).
 *
 * <p>Asynchronous invocations that still fail after Lambda's retries go to an on-failure
 * destination, which keeps the event together with the error.
 */
public final class ExamplePlaybook extends Construct {
    private static final String HANDLER = "io.incidentpipeline.handlers.playbook.ExamplePlaybookHandler::handleRequest";

    private final JavaHandlerFunction function;
    private final DeadLetterQueue failures;

    /**
     * Creates the example playbook function and its failure queue.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} is required
     */
    public ExamplePlaybook(Construct scope, String id, ExamplePlaybookProps props) {
        super(scope, id);
        IIncidentStore store = props.getStore();
        String name = props.getPlaybookName();
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Example playbook '" + name + "'")
                // It changes nothing either way; DRY_RUN=false lets its results read as real runs.
                .environment(Map.of("TABLE_NAME", store.getTable().getTableName(), "PLAYBOOK_NAME", name,
                        "DRY_RUN", "false"))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        store.grantRunRecordWrites(function);
        failures = new DeadLetterQueue(this, "FailureQueue", "playbook invocations that failed after every retry");
        function.sendFailedAsyncInvocationsTo(failures.getQueue(), 2, Duration.hours(1));
    }

    /** @return the alias to route events to */
    public IFunction getFunction() {
        return function.getAlias();
    }

    /** @return the playbook's function with its log group and role, e.g. for monitoring */
    public JavaHandlerFunction getHandler() {
        return function;
    }

    /** @return where invocations go that failed after every retry */
    public IQueue getFailureQueue() {
        return failures.getQueue();
    }
}
