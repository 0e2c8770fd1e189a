package io.incidentpipeline.cost;

import io.github.cdklabs.cdknag.IApplyRule;
import io.github.cdklabs.cdknag.NagMessageLevel;
import io.github.cdklabs.cdknag.NagPack;
import io.github.cdklabs.cdknag.NagPackProps;
import io.incidentpipeline.cost.rules.CostRule;
import io.incidentpipeline.cost.rules.LambdaMemoryCeiling;
import io.incidentpipeline.cost.rules.LogGroupRetention;
import io.incidentpipeline.cost.rules.ProvisionedTableAutoscaling;
import io.incidentpipeline.cost.rules.SandboxBudget;
import io.incidentpipeline.cost.rules.SandboxHealthCheckOptions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

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

    @Override
    protected void checkResource(CfnResource node) {
        for (CostRule rule : rules) {
            if (!rule.appliesTo(node)) {
                continue;
            }
            applyRule(new IApplyRule() {
                private CfnResource target = node;
                private String info = rule.info();
                private String explanation = rule.explanation();
                private NagMessageLevel level = NagMessageLevel.ERROR;

                @Override
                public String getRuleSuffixOverride() {
                    return rule.name();
                }

                @Override
                public Object rule(CfnResource resource) {
                    return rule.check(resource);
                }

                @Override
                public CfnResource getNode() {
                    return target;
                }

                @Override
                public void setNode(CfnResource value) {
                    target = value;
                }

                @Override
                public String getInfo() {
                    return info;
                }

                @Override
                public void setInfo(String value) {
                    info = value;
                }

                @Override
                public String getExplanation() {
                    return explanation;
                }

                @Override
                public void setExplanation(String value) {
                    explanation = value;
                }

                @Override
                public NagMessageLevel getLevel() {
                    return level;
                }

                @Override
                public void setLevel(NagMessageLevel value) {
                    level = value;
                }
            });
        }
    }
}
