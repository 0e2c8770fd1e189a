package io.incidentpipeline.guardrails;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.constructs.IConstruct;

/**
 * Fails synth when an acknowledgment is made on a stack, a stage or the app, whichever way it was
 * made ({@code Validations.of(stack).acknowledge(...)} included): such an acknowledgment hides the
 * finding on every resource below it, the user's own too. Reported as {@code fatal}, which CDK never
 * lets an acknowledgment suppress.
 */
final class AcknowledgmentPlacementCheck implements IPolicyValidationPlugin {
    static final String NAME = "IncidentPipelineGuardrails";
    static final String RULE = "AcknowledgmentOnStackOrApp";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
        List<AcknowledgmentAudit.Acknowledgment> acknowledgments = new ArrayList<>();
        collectFromStagesAndStacks(context.getAppConstruct(), acknowledgments);
        List<PolicyViolation> violations = new ArrayList<>();
        for (AcknowledgmentAudit.Acknowledgment ack : acknowledgments) {
            violations.add(PolicyViolation.builder()
                    .ruleName(RULE)
                    .description(AcknowledgmentAudit.misplaced(List.of(ack)).get(0))
                    .severity("fatal")
                    .violatingResources(List.of(PolicyViolatingResource.builder()
                            .constructPath(ack.path()).locations(List.of()).build()))
                    .build());
        }
        return PolicyValidationPluginReport.builder().success(violations.isEmpty()).violations(violations).build();
    }

    /**
     * Visits only the app, its stages and their stacks: a call per construct of the whole tree from
     * inside a plugin (a jsii callback) overflows the Node.js stack on a large app.
     */
    private static void collectFromStagesAndStacks(IConstruct scope, List<AcknowledgmentAudit.Acknowledgment> found) {
        AcknowledgmentAudit.addAcknowledgments(scope, found);
        if (Stage.isStage(scope)) {
            for (IConstruct child : scope.getNode().getChildren()) {
                if (Stack.isStack(child) || Stage.isStage(child)) {
                    collectFromStagesAndStacks(child, found);
                }
            }
        }
    }
}
