package io.incidentpipeline.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A WAF web ACL in front of the alert API's stage, with rules chosen per door (README, "The
 * firewall, rule by rule"):
 *
 * <ul>
 *   <li>a per-IP rate limit on the alert path, below the intake's own throttle, and a lower one on
 *       every other path (health probes, the operator API);</li>
 *   <li>AWS's IP reputation list and known-bad-inputs rules, and the core rule set (CRS), on every
 *       path;</li>
 *   <li>except on the alert path, where the rules that match patterns <em>in the body</em> only
 *       count: alert texts legitimately quote URLs with IP addresses, {@code <script>}, {@code ../},
 *       {@code 169.254.169.254} or a Log4Shell string, and the handler neither renders, fetches,
 *       opens, deserializes nor logs a body. The CRS body-size rule (8 KB) counts there too: the
 *       intake's own limit ({@code MAX_BODY_BYTES}, 413) replaces it. On every other path a rule
 *       of this web ACL blocks what those body rules label.</li>
 * </ul>
 *
 * <p>About $11 a month idle ($5 for the ACL, $1 per rule) plus $0.60 per million requests, so it
 * is for production stages.
 */
public final class ApiFirewall extends Construct {
    /**
     * The alert intake's path as WAF sees it: with the stage name through the API's own URL, without
     * it through a custom domain mapped to the stage.
     */
    public static final String ALERT_PATH_PATTERN = "^(/" + AlertIngestApi.STAGE_NAME + ")?/alerts/[^/]+/?$";
    /** The core rule set's body rules counted on the alert path, by name, with the label each adds. */
    public static final Map<String, String> CORE_BODY_RULES = orderedLabels("core-rule-set",
            "SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericLFI_BODY", "GenericRFI_BODY",
            "EC2MetaDataSSRF_BODY");
    /** The known-bad-inputs rules counted on the alert path, by name, with the label each adds. */
    public static final Map<String, String> KNOWN_BAD_BODY_RULES = orderedLabels("known-bad-inputs",
            "Log4JRCE_BODY", "JavaDeserializationRCE_BODY");
    private static final String METRIC_PREFIX = "IncidentPipelineApi";

    private final CfnWebACL webAcl;

    /**
     * Creates the WAF web ACL; associate it with a stage to protect it.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration
     */
    public ApiFirewall(Construct scope, String id, ApiFirewallProps props) {
        super(scope, id);
        webAcl = CfnWebACL.Builder.create(this, "Resource")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility(METRIC_PREFIX))
                .rules(List.of(
                        rateLimit(0, "RateLimitAlertsPerIp", props.getAlertRequestsPer5MinPerIp(), alertPath()),
                        rateLimit(1, "RateLimitOtherPathsPerIp", props.getOtherRequestsPer5MinPerIp(), not(alertPath())),
                        managedRuleGroup(2, "AWSManagedRulesAmazonIpReputationList", List.of()),
                        managedRuleGroup(3, "AWSManagedRulesKnownBadInputsRuleSet",
                                List.copyOf(KNOWN_BAD_BODY_RULES.keySet())),
                        managedRuleGroup(4, "AWSManagedRulesCommonRuleSet", List.copyOf(CORE_BODY_RULES.keySet())),
                        bodyRulesOutsideAlertPath(5)))
                .build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(props.getStage().getStageArn())
                .webAclArn(webAcl.getAttrArn())
                .build();
    }

    /** Blocks, on every path but the alert path, what the counted body rules labelled. */
    private static CfnWebACL.RuleProperty bodyRulesOutsideAlertPath(int priority) {
        List<CfnWebACL.StatementProperty> labels = new ArrayList<>();
        CORE_BODY_RULES.values().forEach(label -> labels.add(label(label)));
        KNOWN_BAD_BODY_RULES.values().forEach(label -> labels.add(label(label)));
        return CfnWebACL.RuleProperty.builder()
                .name("BodyRulesOutsideAlertPath")
                .priority(priority)
                .action(block())
                .statement(CfnWebACL.StatementProperty.builder()
                        .andStatement(CfnWebACL.AndStatementProperty.builder()
                                .statements(List.of(
                                        CfnWebACL.StatementProperty.builder()
                                                .orStatement(CfnWebACL.OrStatementProperty.builder()
                                                        .statements(labels).build())
                                                .build(),
                                        not(alertPath())))
                                .build())
                        .build())
                .visibilityConfig(visibility(METRIC_PREFIX + "BodyRulesOutsideAlertPath"))
                .build();
    }

    private static CfnWebACL.RuleProperty rateLimit(int priority, String name, int limit,
            CfnWebACL.StatementProperty scope) {
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .action(block())
                .statement(CfnWebACL.StatementProperty.builder()
                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                .limit(limit).aggregateKeyType("IP").scopeDownStatement(scope).build())
                        .build())
                .visibilityConfig(visibility(METRIC_PREFIX + name))
                .build();
    }

    private static CfnWebACL.RuleProperty managedRuleGroup(int priority, String name, List<String> countOnly) {
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
                .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                .statement(CfnWebACL.StatementProperty.builder().managedRuleGroupStatement(group.build()).build())
                .visibilityConfig(visibility(METRIC_PREFIX + name))
                .build();
    }

    private static CfnWebACL.StatementProperty alertPath() {
        return CfnWebACL.StatementProperty.builder()
                .regexMatchStatement(CfnWebACL.RegexMatchStatementProperty.builder()
                        .regexString(ALERT_PATH_PATTERN)
                        .fieldToMatch(CfnWebACL.FieldToMatchProperty.builder().uriPath(Map.of()).build())
                        .textTransformations(List.of(CfnWebACL.TextTransformationProperty.builder()
                                .priority(0).type("NONE").build()))
                        .build())
                .build();
    }

    private static CfnWebACL.StatementProperty not(CfnWebACL.StatementProperty statement) {
        return CfnWebACL.StatementProperty.builder()
                .notStatement(CfnWebACL.NotStatementProperty.builder().statement(statement).build())
                .build();
    }

    private static CfnWebACL.StatementProperty label(String key) {
        return CfnWebACL.StatementProperty.builder()
                .labelMatchStatement(CfnWebACL.LabelMatchStatementProperty.builder().scope("LABEL").key(key).build())
                .build();
    }

    private static CfnWebACL.RuleActionProperty block() {
        return CfnWebACL.RuleActionProperty.builder().block(CfnWebACL.BlockActionProperty.builder().build()).build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metricName)
                .sampledRequestsEnabled(true)
                .build();
    }

    /**
     * AWS labels a match of rule {@code Name_BODY} of group {@code namespace} as
     * {@code awswaf:managed:aws:<namespace>:Name_Body} (AWS WAF Developer Guide, the managed rule groups' tables).
     */
    private static Map<String, String> orderedLabels(String namespace, String... rules) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String rule : rules) {
            labels.put(rule, "awswaf:managed:aws:" + namespace + ":" + rule.replace("_BODY", "_Body"));
        }
        return Collections.unmodifiableMap(labels);
    }

    /** @return the web ACL */
    public CfnWebACL getWebAcl() {
        return webAcl;
    }
}
