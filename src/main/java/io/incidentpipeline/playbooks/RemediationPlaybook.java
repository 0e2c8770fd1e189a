package io.incidentpipeline.playbooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import io.incidentpipeline.routing.FindingTrigger;
import io.incidentpipeline.routing.IncidentEvents;
import io.incidentpipeline.routing.IncidentPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A built-in remediation ({@link Remediation}) wired as a {@link Playbook}: it runs only on incidents
 * of AWS findings the pipeline verified itself that its triggers name ({@link RemediationPlaybookProps#getTriggers()}),
 * in this stack's account and region, once per incident; it re-reads the incident from the table and
 * checks it again before acting, and records what it did, or in a dry run (the default) what it
 * would do, on the incident's timeline; the bus then carries {@code Playbook Succeeded},
 * {@code Playbook Failed} or {@code Playbook Skipped}. Opt in per remediation:
 *
 * <pre>{@code
 * new RemediationPlaybook(this, "BlockPublicBuckets", RemediationPlaybookProps.builder()
 *         .remediation(Remediation.BLOCK_PUBLIC_BUCKET)
 *         .bus(pipeline.getBus().getEventBus()).store(pipeline.getStore())
 *         .dryRun(false)
 *         .build());
 * }</pre>
 */
public final class RemediationPlaybook extends Construct {
    /**
     * The function's timeout. A run's lease lasts the invocation's remaining time plus a few seconds,
     * under the minute Lambda waits before retrying a failed invocation, so a retry always finds the
     * lease of a run that died expired, and no live run's lease is ever taken over.
     */
    static final Duration TIMEOUT = Duration.seconds(50);
    private static final int RETRY_ATTEMPTS = 2;

    private final JavaHandlerFunction function;
    private final Playbook playbook;

    /**
     * Creates the remediation function, its rules on the incident bus and its failure queue.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store}, {@code bus} and {@code remediation} are required
     */
    public RemediationPlaybook(Construct scope, String id, RemediationPlaybookProps props) {
        super(scope, id);
        Remediation remediation = props.getRemediation();
        Stack stack = Stack.of(this);
        Map<String, String> environment = new LinkedHashMap<>();
        // TABLE_NAME, PLAYBOOK_NAME, DRY_RUN and MAX_RUN_ATTEMPTS: set by the Playbook below.
        environment.put("ACCOUNT_ID", stack.getAccount());
        environment.put("REMEDIATION_TRIGGERS", triggersJson(props.getTriggers()));
        if (remediation == Remediation.REVOKE_OPEN_INGRESS) {
            environment.put("PUBLIC_PORTS", props.getPublicPorts().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(remediation.getHandler())
                .description("Built-in playbook " + remediation.getId() + (props.isDryRun() ? " (dry run)" : ""))
                .timeout(TIMEOUT)
                .environment(environment)
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        PlaybookProps.Builder playbookProps = PlaybookProps.builder()
                .pattern(IncidentPattern.builder()
                        .detailTypes(IncidentEvents.DetailType.OPENED)
                        .verifiedFindings(stack.getAccount(), stack.getRegion(), props.getTriggers())
                        .labelsPresent(remediation.getTargetLabel())
                        .build())
                .handler(function.getAlias())
                .playbookName(remediation.getId())
                .dryRun(props.isDryRun())
                .retryAttempts(RETRY_ATTEMPTS);
        remediation.permissions(stack).forEach(playbookProps::permission);
        playbook = new Playbook(this, "Playbook", props.getBus(), props.getStore(), playbookProps.build());
        IConstruct policy = function.getFunction().getRole().getNode().findChild("DefaultPolicy");
        remediation.acknowledgedFindings(Stack.of(this)).forEach(f -> Guardrails.acknowledge(policy, f.finding(), f.reason()));
    }

    private static String triggersJson(List<FindingTrigger> triggers) {
        try {
            return new ObjectMapper().writeValueAsString(triggers.stream().map(FindingTrigger::toJsonObject).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("triggers are strings and lists", e);
        }
    }

    /** @return the playbook's function */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /** @return the rule and failure queue that run it */
    public Playbook getPlaybook() {
        return playbook;
    }
}
