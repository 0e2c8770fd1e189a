package io.incidentpipeline.playbooks;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A built-in remediation ({@link Remediation}) wired as a {@link Playbook}: it runs on the incidents
 * that name its target, once per incident, and records what it did, or in a dry run (the default)
 * what it would do, on the incident's timeline; the bus then carries {@code Playbook Succeeded} or
 * {@code Playbook Failed}. Opt in per remediation:
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
    private final JavaHandlerFunction function;
    private final Playbook playbook;

    public RemediationPlaybook(Construct scope, String id, RemediationPlaybookProps props) {
        super(scope, id);
        Remediation remediation = props.getRemediation();
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(remediation.getHandler())
                .description("Built-in playbook " + remediation.getId() + (props.isDryRun() ? " (dry run)" : ""))
                .timeout(Duration.seconds(60))
                .environment(Map.of("TABLE_NAME", props.getStore().getTable().getTableName(),
                        "PLAYBOOK_NAME", remediation.getId(),
                        "DRY_RUN", Boolean.toString(props.isDryRun())))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getLogRemovalPolicy())
                .build());
        PlaybookProps.Builder playbookProps = PlaybookProps.builder()
                .pattern(props.getPattern())
                .handler(function.getAlias());
        remediation.permissions(Stack.of(this)).forEach(playbookProps::permission);
        playbook = new Playbook(this, "Playbook", props.getBus(), props.getStore(), playbookProps.build());
        IConstruct policy = function.getFunction().getRole().getNode().findChild("DefaultPolicy");
        remediation.acknowledgedFindings(Stack.of(this)).forEach(f -> Guardrails.acknowledge(policy, f.finding(), f.reason()));
        Guardrails.acknowledge(function.getFunction(), "Serverless-LambdaDLQ", JavaHandlerFunction.ON_FAILURE_DESTINATION_REASON);
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
