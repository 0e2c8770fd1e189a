package io.incidentpipeline.guardrails;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import io.incidentpipeline.cost.CostRulesOptions;
import io.incidentpipeline.cost.CostRulesPack;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The synth-time gate: cdk-nag's AwsSolutions and Serverless packs and the project's own cost rules
 * over a whole app.
 * An unacknowledged error fails {@code cdk synth}; findings land in {@code cdk.out/validation-report.json}.
 *
 * <p>Acknowledgments go through {@link #acknowledge} so each one names one construct, one exact
 * finding and a reason, and is written into the template metadata as an audit trail.
 */
public final class Guardrails {
    private Guardrails() {
    }

    private static final String MARKER_ID = "IncidentPipelineGuardrails";

    /** Adds the packs with the cost rules' defaults (not a sandbox); see {@link #applyTo(App, CostRulesOptions)}. */
    public static void applyTo(App app) {
        applyTo(app, CostRulesOptions.builder().build());
    }

    /**
     * Adds the AwsSolutions, Serverless and {@link CostRulesPack Cost} packs to every stack of
     * {@code app}. Applying them twice to one app is a no-op, so a test helper and the app's own
     * code can both call it.
     */
    public static void applyTo(App app, CostRulesOptions costOptions) {
        if (app.getNode().tryFindChild(MARKER_ID) != null) {
            return;
        }
        new Construct(app, MARKER_ID);
        NagPackProps props = NagPackProps.builder().verbose(true).writeSuppressionsToCloudFormation(true).build();
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app, props), new ServerlessChecks(app, props),
                new CostRulesPack(app, props, costOptions));
    }

    /**
     * Acknowledges one nag finding on one construct.
     *
     * @param construct the construct the finding is reported on; never a stack or the app
     * @param finding   the exact finding, e.g. {@code AwsSolutions-IAM5[Resource::*]} or {@code AwsSolutions-SQS3}
     * @param reason    why the finding is acceptable here, for the audit trail
     */
    public static void acknowledge(IConstruct construct, String finding, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("An acknowledgment of " + finding + " needs a reason");
        }
        if (finding.split("::", -1).length > 2) {
            // Validations.acknowledge rejects ids with more than one "::", which every finding that
            // renders a pseudo parameter has (e.g. IAM4[Policy::arn:<AWS::Partition>:...]). Write the
            // same acknowledgment entry it would write; cdk-nag matches the id verbatim.
            construct.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(finding, reason));
            return;
        }
        Validations.of(construct).acknowledge(Acknowledgment.builder().id(finding).reason(reason).build());
    }

    /**
     * @return an ARN as cdk-nag writes it in a finding: the stack's partition, region and account
     *         where they are known at synth, their pseudo-parameter names where they are not, e.g.
     *         {@code arn:aws:ec2:us-east-1:<AWS::AccountId>:security-group/*}
     * @param regional whether the service's ARNs carry a region and an account (S3 buckets' do not)
     */
    public static String findingArn(Stack stack, String service, boolean regional, String resource) {
        String partition = shown(stack.getPartition(), "<AWS::Partition>");
        if (!regional) {
            return "arn:" + partition + ":" + service + ":::" + resource;
        }
        return "arn:" + partition + ":" + service + ":" + shown(stack.getRegion(), "<AWS::Region>") + ":"
                + shown(stack.getAccount(), "<AWS::AccountId>") + ":" + resource;
    }

    /**
     * @return a regional ARN without an account (API Gateway's) as nag findings spell it:
     *         {@code arn:<partition>:<service>:<region>::<resource>}
     */
    public static String findingArnWithoutAccount(Stack stack, String service, String resource) {
        return "arn:" + shown(stack.getPartition(), "<AWS::Partition>") + ":" + service + ":"
                + shown(stack.getRegion(), "<AWS::Region>") + "::" + resource;
    }

    private static String shown(String value, String pseudoParameter) {
        return Token.isUnresolved(value) ? pseudoParameter : value;
    }
}
