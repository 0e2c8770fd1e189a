package io.incidentpipeline.cost;

import io.github.cdklabs.cdknag.NagPack;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.NagRuleCompliance;
import io.incidentpipeline.cost.rules.CostRule;
import io.incidentpipeline.cost.rules.LambdaMemoryCeiling;
import io.incidentpipeline.cost.rules.LogGroupRetention;
import io.incidentpipeline.cost.rules.ProvisionedTableAutoscaling;
import io.incidentpipeline.cost.rules.SandboxBudget;
import io.incidentpipeline.cost.rules.SandboxHealthCheckOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * The project's own cdk-nag pack: cost rules, applied and acknowledged like AwsSolutions. Finding
 * ids are {@code Cost-<rule>}, e.g. {@code Cost-LambdaMemoryCeiling}.
 *
 * <ul>
 *   <li>{@code LogGroupRetention}: every log group expires its logs.</li>
 *   <li>{@code LambdaMemoryCeiling}: memory above the ceiling needs an acknowledgment with a reason.</li>
 *   <li>{@code ProvisionedTableAutoscaling}: provisioned DynamoDB capacity is auto scaled.</li>
 *   <li>{@code SandboxBudget} (sandboxes only): every stack has an AWS Budget.</li>
 *   <li>{@code SandboxHealthCheckOptions} (sandboxes only): no billed health-check options.</li>
 * </ul>
 */
public final class CostRulesPack extends NagPack {
    /** The pack name, the prefix of every finding id. */
    public static final String PACK_NAME = "Cost";

    private final List<CostRule> rules = new ArrayList<>();

    /**
     * @param scope   the app, for the acknowledgment metadata aspect
     * @param props   the nag options
     * @param options which rules apply, and their thresholds
     */
    public CostRulesPack(IConstruct scope, NagPackProps props, CostRulesOptions options) {
        super(scope, props);
        setPackName(PACK_NAME);
        rules.add(new LogGroupRetention());
        rules.add(new LambdaMemoryCeiling(options.getLambdaMemoryCeilingMb()));
        rules.add(new ProvisionedTableAutoscaling());
        if (options.isSandbox()) {
            rules.add(new SandboxBudget());
            rules.add(new SandboxHealthCheckOptions());
        }
    }

    @Override
    public String getName() {
        return PACK_NAME;
    }

    /**
     * Evaluates every rule on every resource of the app in Java, in one jsii round trip. The
     * inherited evaluation calls {@link #checkResource} back through jsii once per resource, and jsii
     * nests consecutive callbacks: a three-region stage with every option on overflowed both the
     * Node.js and the Java stack.
     */
    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
        List<PolicyViolation> violations = new ArrayList<>();
        for (IConstruct construct : context.getAppConstruct().getNode().findAll()) {
            if (!(construct instanceof CfnResource resource)) {
                continue;
            }
            for (CostRule rule : rules) {
                String finding = PACK_NAME + "-" + rule.name();
                if (rule.appliesTo(resource) && rule.check(resource) == NagRuleCompliance.NON_COMPLIANT
                        && !acknowledged(resource, finding)) {
                    violations.add(PolicyViolation.builder()
                            .ruleName(finding)
                            .description(rule.info() + " " + rule.explanation())
                            .severity("error")
                            .violatingResources(List.of(PolicyViolatingResource.builder()
                                    .constructPath(resource.getNode().getPath())
                                    .resourceLogicalId(String.valueOf(Stack.of(resource).resolve(resource.getLogicalId())))
                                    .locations(List.of())
                                    .build()))
                            .build());
                }
            }
        }
        return PolicyValidationPluginReport.builder().success(violations.isEmpty()).violations(violations).build();
    }

    /**
     * Whether {@code finding} is acknowledged in cdk-nag's bare form ({@code Annotation::Cost-…}) on
     * the resource or one of its scopes, as cdk-nag's own packs check it. The qualified form that
     * {@code Guardrails.acknowledge} writes ({@code Cost::Cost-…}) is left to CDK, which applies it by
     * construct path and records what it suppressed in the validation report.
     */
    private static boolean acknowledged(CfnResource resource, String finding) {
        for (IConstruct scope : resource.getNode().getScopes()) {
            for (MetadataEntry entry : scope.getNode().getMetadata()) {
                if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())
                        && entry.getData() instanceof Map<?, ?> acknowledgments
                        && acknowledgments.keySet().stream().map(String::valueOf)
                                .anyMatch(id -> id.replaceFirst("(?i)^annotation::", "").equals(finding))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Not called: {@link #validate} evaluates the rules itself (NagPack requires the method). */
    @Override
    protected void checkResource(CfnResource node) {
        throw new UnsupportedOperationException("CostRulesPack evaluates its rules in validate()");
    }
}
