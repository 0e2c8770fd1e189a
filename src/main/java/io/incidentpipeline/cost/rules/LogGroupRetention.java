package io.incidentpipeline.cost.rules;

import io.github.cdklabs.cdknag.NagRuleCompliance;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.logs.CfnLogGroup;

/** Log groups must expire their logs: storage of a log group that keeps everything grows forever. */
public final class LogGroupRetention implements CostRule {
    @Override
    public String name() {
        return "LogGroupRetention";
    }

    @Override
    public String info() {
        return "The log group keeps its logs forever.";
    }

    @Override
    public String explanation() {
        return "Log storage costs $0.03 per GB-month and never stops growing without a retention. Set"
                + " retention (RetentionDays) to what investigations need; export to S3 for archives.";
    }

    @Override
    public boolean appliesTo(CfnResource resource) {
        return resource instanceof CfnLogGroup;
    }

    @Override
    public NagRuleCompliance check(CfnResource resource) {
        if (!(resource instanceof CfnLogGroup)) {
            return NagRuleCompliance.NOT_APPLICABLE;
        }
        return ((CfnLogGroup) resource).getRetentionInDays() == null
                ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
    }
}
