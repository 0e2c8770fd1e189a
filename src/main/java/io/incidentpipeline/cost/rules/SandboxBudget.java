package io.incidentpipeline.cost.rules;

import io.github.cdklabs.cdknag.NagRuleCompliance;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.constructs.IConstruct;

/**
 * A sandbox app must carry a budget, so a forgotten developer sandbox announces itself. Checked once
 * per app, reported on the app's first resource in construct-tree order.
 */
public final class SandboxBudget implements CostRule {
    @Override
    public String name() {
        return "SandboxBudget";
    }

    @Override
    public String info() {
        return "The sandbox app has no AWS Budget.";
    }

    @Override
    public String explanation() {
        return "A sandbox left running is the classic surprise bill. Give every sandbox a budget"
                + " (CostGuardrails) filtered to its stage tag, with a notification to its owner.";
    }

    /** The app's first resource path and whether the app has a budget: one tree walk per pack run. */
    private Map.Entry<String, Boolean> summary;

    /** The app's first resource only: the finding is about the app, reported once. */
    @Override
    public boolean appliesTo(CfnResource resource) {
        if (summary == null) {
            summary = summarize(resource.getNode().getRoot());
        }
        return summary.getKey().equals(resource.getNode().getPath());
    }

    @Override
    public NagRuleCompliance check(CfnResource resource) {
        if (!appliesTo(resource)) {
            return NagRuleCompliance.NOT_APPLICABLE;
        }
        return summary.getValue() ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }

    private static Map.Entry<String, Boolean> summarize(IConstruct app) {
        List<IConstruct> all = app.getNode().findAll();
        String first = all.stream().filter(CfnResource.class::isInstance).findFirst()
                .map(c -> c.getNode().getPath()).orElse("");
        return Map.entry(first, all.stream().anyMatch(CfnBudget.class::isInstance));
    }
}
