package io.incidentpipeline.playbooks;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.DeadLetterQueue;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.routing.IncidentRuleProps;
import io.incidentpipeline.store.IIncidentStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnEventInvokeConfig;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Version;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A remediation wired to the incident bus: an {@link IncidentRule} from the playbook's pattern to
 * its handler, with EventBridge's retries and dead-letter queue, Lambda's asynchronous retries and
 * an on-failure destination, the permissions the playbook declares (named actions only, never on
 * {@code *} when they change anything), {@code dynamodb:GetItem} to read the incident an event names,
 * and {@code dynamodb:PutItem} and {@code UpdateItem} on the incidents' own partitions only
 * ({@code dynamodb:LeadingKeys INC#*}) for its run record, with which it makes itself idempotent
 * and records its result on the incident's timeline. With a customer managed key, the grants cover
 * the key too. Usually created with {@code IncidentPipeline.addPlaybook}.
 *
 * <p>The handler is told everything the playbook SDK's {@code PlaybookHandler} reads, as environment
 * variables ({@link #getEnvironment()}): {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN} and
 * {@code MAX_RUN_ATTEMPTS}; the region it records its runs in is the function's own
 * ({@code AWS_REGION}, set by Lambda). It works with:
 * <ul>
 *   <li><b>one function behind several playbooks</b>: each playbook gets its own rule; the function
 *       keeps one name for its run records (the first playbook's, unless
 *       {@link PlaybookProps#getPlaybookName()} says otherwise), so an incident that two of its
 *       rules match is acted on once, and one asynchronous configuration, whose failure queue the
 *       playbooks share;</li>
 *   <li><b>a function with asynchronous settings of its own</b> (retries, destinations): they are
 *       kept, and failed runs go where they say (a warning when they name no on-failure destination);</li>
 *   <li><b>an imported function</b> ({@code Function.fromFunctionAttributes} with its role, or an
 *       alias or version of one): its environment cannot be set from here, so the playbook needs an
 *       explicit {@link PlaybookProps#getPlaybookName()}, and its owner sets the variables of
 *       {@link #getEnvironment()}; its role gets the grants.</li>
 * </ul>
 */
public final class Playbook extends Construct {
    /** The first playbook of each function: the function's one environment. */
    private static final Map<IConstruct, Playbook> FIRST_OF_FUNCTION = Collections.synchronizedMap(new WeakHashMap<>());
    /** The first playbook of each handler (function, alias or version): its one asynchronous configuration. */
    private static final Map<IConstruct, Playbook> FIRST_OF_HANDLER = Collections.synchronizedMap(new WeakHashMap<>());

    // Set once, by the constructor (through wire).
    private IncidentRule rule;
    private IQueue failureQueue;
    private Map<String, String> environment;
    private final PlaybookProps props;

    /**
     * @param scope the scope
     * @param id    the playbook's id; its name on the incident's timeline unless
     *              {@link PlaybookProps#getPlaybookName()} or an earlier playbook of the same function names it
     * @param bus   the incident bus
     * @param store the table the playbook records its runs in
     * @param props the playbook
     * @throws IllegalArgumentException naming the prop and the fix, when the handler cannot be wired:
     *                                  an imported function without its role or without
     *                                  {@code playbookName}, or a function already wired with another
     *                                  name, table or asynchronous settings
     */
    public Playbook(Construct scope, String id, IEventBus bus, IIncidentStore store, PlaybookProps props) {
        super(scope, id);
        try {
            if (props == null || bus == null || store == null) {
                throw new IllegalArgumentException("Playbook '" + getNode().getPath() + "' needs the bus, the store"
                        + " and its props (PlaybookProps.builder().pattern(…).handler(…).build()); got null.");
            }
            this.props = props;
            wire(id, bus, store);
        } catch (IllegalArgumentException refused) {
            // A refused playbook leaves nothing behind: not even its empty construct.
            scope.getNode().tryRemoveChild(id);
            throw refused;
        }
    }

    private void wire(String id, IEventBus bus, IIncidentStore store) {
        IFunction handler = props.getHandler();
        Function function = ownFunction(handler);
        IConstruct environmentOwner = function != null ? function : handler;
        Playbook first = FIRST_OF_FUNCTION.get(environmentOwner);
        Playbook firstOfHandler = FIRST_OF_HANDLER.get(handler);
        String where = "Playbook '" + getNode().getPath() + "'";
        if (handler.getRole() == null) {
            throw new IllegalArgumentException(where + ": PlaybookProps.handler " + handler.getNode().getPath()
                    + " has no role that the playbook can grant its run-record writes and permissions to (a function"
                    + " imported by ARN or name). Import it with Function.fromFunctionAttributes(scope, id,"
                    + " FunctionAttributes.builder().functionArn(arn).role(Role.fromRoleArn(scope, \"Role\", roleArn))"
                    + ".sameEnvironment(true).build()).");
        }
        if (function == null && props.getPlaybookName() == null) {
            throw new IllegalArgumentException(where + ": PlaybookProps.handler " + handler.getNode().getPath()
                    + " is imported, so addPlaybook cannot set its environment. Name the playbook with"
                    + " PlaybookProps.playbookName(name) and set on the function yourself: TABLE_NAME (the incident"
                    + " table's name), PLAYBOOK_NAME (that name), DRY_RUN (true or false) and MAX_RUN_ATTEMPTS"
                    + " (Playbook.getEnvironment() has the values).");
        }
        String name = props.getPlaybookName() != null ? props.getPlaybookName()
                : first != null ? first.getPlaybookName() : id;
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(where + ": the playbook name '" + name + "' (PlaybookProps.playbookName,"
                    + " or the playbook's id) must be 1-64 of A-Z a-z 0-9 . _ -; set PlaybookProps.playbookName.");
        }
        environment = environment(store, name, props);
        if (first != null) {
            requireSameEnvironment(where, first);
        } else if (function != null) {
            environment.forEach(function::addEnvironment);
        }
        if (firstOfHandler != null) {
            requireSameAsyncSettings(where, firstOfHandler);
        }
        failureQueue = firstOfHandler != null ? firstOfHandler.failureQueue : configureAsyncInvoke(handler, id, props);
        if (failureQueue != null && function != null) {
            Guardrails.acknowledge(function, "Serverless-LambdaDLQ", JavaHandlerFunction.ON_FAILURE_DESTINATION_REASON);
        }
        props.getPermissions().forEach(handler::addToRolePolicy);
        // The run record: claimed and finished with conditional UpdateItems, under INC#<incident id> only.
        store.grantRunRecordWrites(handler);
        rule = new IncidentRule(this, "Rule", IncidentRuleProps.builder()
                .bus(bus)
                // Silenced incidents run playbooks only when their silence says so.
                .pattern(props.getPattern().withSilencedDefault(IncidentPattern.SilencedIncidents.WHEN_PLAYBOOKS_RUN))
                .description("Playbook " + id)
                .build())
                .addPlaybook(handler);
        FIRST_OF_FUNCTION.putIfAbsent(environmentOwner, this);
        FIRST_OF_HANDLER.putIfAbsent(handler, this);
    }

    private static Map<String, String> environment(IIncidentStore store, String name, PlaybookProps props) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TABLE_NAME", store.getTable().getTableName());
        environment.put("PLAYBOOK_NAME", name);
        environment.put("DRY_RUN", Boolean.toString(props.isDryRun()));
        // Attempts that may act: Lambda's retries of the invocation; the one after them records FAILED.
        environment.put("MAX_RUN_ATTEMPTS", Integer.toString(Math.max(1, props.getRetryAttempts())));
        return Collections.unmodifiableMap(environment);
    }

    /** The function whose environment this app defines, behind a function, alias or version; null when imported. */
    private static Function ownFunction(IFunction handler) {
        IFunction lambda = handler instanceof Alias alias ? alias.getVersion().getLambda()
                : handler instanceof Version version ? version.getLambda() : handler;
        return lambda instanceof Function function ? function : null;
    }

    /** A function has one environment: a second playbook of it must agree with the first. */
    private void requireSameEnvironment(String where, Playbook first) {
        if (!first.environment.equals(environment)) {
            throw new IllegalArgumentException(where + ": PlaybookProps.handler " + props.getHandler().getNode().getPath()
                    + " already runs playbook '" + first.getNode().getPath() + "' with " + first.environment + ", and a"
                    + " function has one environment, so it cannot also run with " + environment + ". Leave"
                    + " PlaybookProps.playbookName out (the function's runs are recorded under '" + first.getPlaybookName()
                    + "'), give the same dryRun and retryAttempts and the same pipeline, or give this playbook a"
                    + " function of its own.");
        }
    }

    /** A function, alias or version has one asynchronous configuration: a second playbook of it must agree. */
    private void requireSameAsyncSettings(String where, Playbook first) {
        PlaybookProps theirs = first.props;
        if (theirs.getRetryAttempts() != props.getRetryAttempts()
                || !theirs.getMaxEventAge().toSeconds().equals(props.getMaxEventAge().toSeconds())) {
            throw new IllegalArgumentException(where + ": PlaybookProps.handler " + props.getHandler().getNode().getPath()
                    + " already has the asynchronous settings of playbook '" + first.getNode().getPath()
                    + "' (retryAttempts " + theirs.getRetryAttempts() + ", maxEventAge "
                    + theirs.getMaxEventAge().toHumanString() + "), and a function has one: give PlaybookProps"
                    + ".retryAttempts and maxEventAge the same values, or give this playbook a function of its own.");
        }
    }

    /** Lambda's retries and our failure queue, unless the function already has asynchronous settings of its own. */
    private IQueue configureAsyncInvoke(IFunction handler, String id, PlaybookProps props) {
        IConstruct existing = handler.getNode().tryFindChild("EventInvokeConfig");
        if (existing != null) {
            Object destinations = Stack.of(this).resolve(
                    ((CfnEventInvokeConfig) existing.getNode().getDefaultChild()).getDestinationConfig());
            if (!(destinations instanceof Map<?, ?> config) || config.get("onFailure") == null) {
                Annotations.of(this).addWarningV2("@incident-pipeline/playbooks:noOnFailureDestination",
                        "PlaybookProps.handler " + handler.getNode().getPath() + " has asynchronous settings of its own"
                                + " without an on-failure destination: kept, but a run that fails after Lambda's retries"
                                + " is dropped unseen. Give it an onFailure destination, or remove its settings so the"
                                + " playbook adds its failure queue.");
            }
            return null;
        }
        DeadLetterQueue failures = new DeadLetterQueue(this, "FailureQueue",
                "runs of playbook '" + id + "' that failed after every retry");
        handler.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(props.getRetryAttempts())
                .maxEventAge(props.getMaxEventAge())
                .onFailure(new SqsDestination(failures.getQueue()))
                .build());
        return failures.getQueue();
    }

    /** @return the rule that runs the playbook */
    public IncidentRule getRule() {
        return rule;
    }

    /**
     * @return where runs go that failed after Lambda's retries: this playbook's queue, or the one of
     *         the first playbook of the same function; {@code null} when the function's own
     *         asynchronous settings decide that
     */
    public IQueue getFailureQueue() {
        return failureQueue;
    }

    /**
     * @return the name the function records its runs under ({@code PLAYBOOK_NAME}), as the
     *         {@code playbook} field of its {@code Playbook Succeeded | Failed | Skipped} events
     */
    public String getPlaybookName() {
        return environment.get("PLAYBOOK_NAME");
    }

    /**
     * @return the environment the playbook SDK's {@code PlaybookHandler} reads, as set on the
     *         function (the owner of an imported function sets it): {@code TABLE_NAME},
     *         {@code PLAYBOOK_NAME}, {@code DRY_RUN}, {@code MAX_RUN_ATTEMPTS}
     */
    public Map<String, String> getEnvironment() {
        return environment;
    }
}
