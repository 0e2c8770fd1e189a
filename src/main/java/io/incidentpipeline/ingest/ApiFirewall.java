package io.incidentpipeline.ingest;

import java.util.List;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A WAF web ACL in front of an API stage: AWS's managed rules for known-bad inputs and IP
 * reputation, the common rule set with its 8 KB body-size rule only counted (alerts may be larger
 * and the handler enforces its own limit), and a per-IP rate limit. About $9 a month idle
 * ($5 for the ACL, $1 per rule) plus $0.60 per million requests, so it is for production stages.
 */
public final class ApiFirewall extends Construct {
    private final CfnWebACL webAcl;

    /**
     * @param stage            the API stage to protect
     * @param requestsPer5Min  requests one IP address may send in 5 minutes before it is blocked
     */
    public ApiFirewall(Construct scope, String id, Stage stage, int requestsPer5Min) {
        super(scope, id);
        if (requestsPer5Min < 10 || requestsPer5Min > 2_000_000_000) {
            throw new IllegalArgumentException("ApiFirewall: requestsPer5Min must be 10 to 2,000,000,000 (the WAF"
                    + " rate-based rule limits), got " + requestsPer5Min);
        }
        String metricPrefix = "IncidentPipelineApi";
        webAcl = CfnWebACL.Builder.create(this, "Resource")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility(metricPrefix))
                .rules(List.of(
                        rateLimit(0, requestsPer5Min, metricPrefix + "RateLimit"),
                        managedRuleGroup(1, "AWSManagedRulesAmazonIpReputationList", List.of(), metricPrefix),
                        managedRuleGroup(2, "AWSManagedRulesKnownBadInputsRuleSet", List.of(), metricPrefix),
                        managedRuleGroup(3, "AWSManagedRulesCommonRuleSet", List.of("SizeRestrictions_BODY"), metricPrefix)))
                .build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(stage.getStageArn())
                .webAclArn(webAcl.getAttrArn())
                .build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metricName)
                .sampledRequestsEnabled(true)
                .build();
    }

    private static CfnWebACL.RuleProperty rateLimit(int priority, int limit, String metricName) {
        return CfnWebACL.RuleProperty.builder()
                .name("RateLimitPerIp")
                .priority(priority)
                .action(CfnWebACL.RuleActionProperty.builder().block(CfnWebACL.BlockActionProperty.builder().build()).build())
                .statement(CfnWebACL.StatementProperty.builder()
                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                .limit(limit).aggregateKeyType("IP").build())
                        .build())
                .visibilityConfig(visibility(metricName))
                .build();
    }

    private static CfnWebACL.RuleProperty managedRuleGroup(int priority, String name, List<String> countOnly,
            String metricPrefix) {
        CfnWebACL.ManagedRuleGroupStatementProperty.Builder group = CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                .vendorName("AWS")
                .name(name);
        if (!countOnly.isEmpty()) {
            group.ruleActionOverrides(countOnly.stream().map(rule -> CfnWebACL.RuleActionOverrideProperty.builder()
                    .name(rule)
                    .actionToUse(CfnWebACL.RuleActionProperty.builder()
                            .count(CfnWebACL.CountActionProperty.builder().build()).build())
                    .build()).toList());
        }
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(java.util.Map.of()).build())
                .statement(CfnWebACL.StatementProperty.builder().managedRuleGroupStatement(group.build()).build())
                .visibilityConfig(visibility(metricPrefix + name))
                .build();
    }

    /** @return the web ACL */
    public CfnWebACL getWebAcl() {
        return webAcl;
    }
}
