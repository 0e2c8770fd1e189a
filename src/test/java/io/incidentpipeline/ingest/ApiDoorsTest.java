package io.incidentpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.SynthesizedApp;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The API's doors in a production stage: a throttle for each, the signing-key settings, the
 * 401 metric and its alarms, and which WAF rules are active on which path.
 */
class ApiDoorsTest {
    /** Alert texts quote such strings; the body rules that match them must not block the alert path. */
    private static final Set<String> ALERT_PATHS = Set.of("/v1/alerts/generic", "/alerts/datadog");
    private static final Set<String> OTHER_PATHS = Set.of("/v1/health", "/health", "/v1/incidents",
            "/v1/incidents/inc_01J/acknowledge", "/v1/alerts", "/v1/alerts/generic/extra");
    private static Template template;
    private static Map<String, Object> webAcl;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedApp.synthesize(Map.of("stage", "prod", "regions", "eu-west-1",
                "account", "123456789012", "alertSecretNames", "generic=prod/alerts/generic")).template();
        webAcl = template.findResources("AWS::WAFv2::WebACL").values().iterator().next();
    }

    @Test
    void shouldGiveAlertsHealthAndTheOperatorApiEachTheirOwnThrottle() {
        List<Map<String, Object>> doors = List.of(
                Map.of("ResourcePath", "/*", "HttpMethod", "*", "ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20),
                Map.of("ResourcePath", "/~1alerts~1{source}", "HttpMethod", "POST",
                        "ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100),
                Map.of("ResourcePath", "/~1health", "HttpMethod", "GET",
                        "ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20));
        for (Map<String, Object> door : doors) {
            template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                    "MethodSettings", Match.arrayWith(List.of(Match.objectLike(door))))));
        }
    }

    @Test
    void shouldLimitOneAddressBelowTheAlertBudget() {
        Map<String, Object> alerts = rule("RateLimitAlertsPerIp");
        Map<String, Object> rate = path(alerts, "Statement", "RateBasedStatement");

        assertThat(((Number) rate.get("Limit")).intValue()).as("per 5 minutes, below 50/s × 300 s")
                .isEqualTo(7_500).isLessThan(50 * 300);
        assertThat(path(rule("RateLimitOtherPathsPerIp"), "Statement", "RateBasedStatement"))
                .containsEntry("Limit", 300).containsEntry("AggregateKeyType", "IP");
        ALERT_PATHS.forEach(p -> assertThat(rateLimitsOn(p)).as(p).containsExactly("RateLimitAlertsPerIp"));
        OTHER_PATHS.forEach(p -> assertThat(rateLimitsOn(p)).as(p).containsExactly("RateLimitOtherPathsPerIp"));
    }

    @Test
    void shouldLetAlertBodiesQuoteScriptsPathsUrlsAndTheMetadataAddress_whileOtherPathsKeepEveryRule() {
        List<String> alertPath = List.of(
                "AWSManagedRulesAmazonIpReputationList: every rule",
                "AWSManagedRulesKnownBadInputsRuleSet: every rule but Log4JRCE_BODY, JavaDeserializationRCE_BODY",
                "AWSManagedRulesCommonRuleSet: every rule but SizeRestrictions_BODY, CrossSiteScripting_BODY,"
                        + " GenericLFI_BODY, GenericRFI_BODY, EC2MetaDataSSRF_BODY");
        List<String> otherPaths = List.of(
                "AWSManagedRulesAmazonIpReputationList: every rule",
                "AWSManagedRulesKnownBadInputsRuleSet: every rule",
                "AWSManagedRulesCommonRuleSet: every rule");

        ALERT_PATHS.forEach(p -> assertThat(managedRulesBlockingOn(p)).as(p).isEqualTo(alertPath));
        OTHER_PATHS.forEach(p -> assertThat(managedRulesBlockingOn(p)).as(p).isEqualTo(otherPaths));
    }

    @Test
    void shouldCountEveryRejectedSignatureOrTokenPerSource_andAlarmOnIt() {
        template.hasResourceProperties("AWS::Logs::MetricFilter", Match.objectLike(Map.of(
                "FilterPattern", "{ ($.message = \"request rejected\") && ($.status = 401) }",
                "MetricTransformations", List.of(Match.objectLike(Map.of(
                        "MetricNamespace", "IncidentPipeline",
                        "MetricName", "AuthenticationFailures",
                        "MetricValue", "1",
                        "Dimensions", List.of(
                                Map.of("Key", "FunctionName", "Value", "$.FunctionName"),
                                Map.of("Key", "Source", "Value", "$.source"))))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "IncidentPipeline",
                "MetricName", "AuthenticationFailures",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Source", "Value", "generic"))),
                "Threshold", 0,
                "AlarmDescription", Match.stringLikeRegexp("source 'generic' were refused with 401"))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "IncidentPipeline",
                "MetricName", "StaleSecretServed",
                "AlarmDescription", Match.stringLikeRegexp("Secrets Manager could not be read"))));
    }

    @Test
    void shouldTellTheIngestFunctionHowLongThePreviousKeyIsAccepted() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.ingest.IngestHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("PREVIOUS_KEY_GRACE_SECONDS", "86400"))))));
    }

    @Test
    void shouldRefuseAFirewallLimitThatLetsOneAddressTakeTheWholeAlertBudget() {
        IncidentStore store = new IncidentStore(new Stack(new App(), "Refused"), "Store",
                IncidentStoreProps.builder().build());

        assertThatThrownBy(() -> AlertIngestApiProps.builder().store(store).throttlingRateLimit(20).firewall(6_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firewall(6000)", "20/s × 300 s = 6000", "e.g. 3000");
        assertThatThrownBy(() -> AlertIngestApiProps.builder().store(store).previousKeyGracePeriod(Duration.days(31))
                .build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousKeyGracePeriod", "30 days");
    }

    /** @return the rate-based rules that count requests to {@code path} */
    private static List<String> rateLimitsOn(String path) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            Map<String, Object> rate = path(rule, "Statement", "RateBasedStatement");
            if (rate != null && matches(path(rate, "ScopeDownStatement"), path, Set.of())) {
                names.add((String) rule.get("Name"));
            }
        }
        return names;
    }

    /**
     * What the managed rule groups block on {@code path}: each group's rules but those it only
     * counts, unless a later rule of the web ACL blocks on the labels of those counted rules there.
     */
    private static List<String> managedRulesBlockingOn(String path) {
        List<String> result = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            Map<String, Object> group = path(rule, "Statement", "ManagedRuleGroupStatement");
            if (group == null) {
                continue;
            }
            Set<String> counted = new LinkedHashSet<>();
            for (Object override : (List<?>) group.getOrDefault("RuleActionOverrides", List.of())) {
                String name = (String) ((Map<?, ?>) override).get("Name");
                if (!reblockedOn(path, name)) {
                    counted.add(name);
                }
            }
            result.add(group.get("Name") + ": every rule" + (counted.isEmpty() ? "" : " but " + String.join(", ", counted)));
        }
        return result;
    }

    /** @return whether a blocking rule of the web ACL matches {@code path} once rule {@code name} labelled the request */
    private static boolean reblockedOn(String path, String name) {
        String label = ApiFirewall.CORE_BODY_RULES.getOrDefault(name, ApiFirewall.KNOWN_BAD_BODY_RULES.get(name));
        return rules().stream()
                .filter(rule -> path(rule, "Action", "Block") != null)
                .filter(rule -> path(rule, "Statement", "RateBasedStatement") == null)
                .anyMatch(rule -> matches(path(rule, "Statement"), path, Set.of(label)));
    }

    /** Evaluates the statements this web ACL uses for a request to {@code path} carrying {@code labels}. */
    private static boolean matches(Map<String, Object> statement, String path, Set<String> labels) {
        if (statement.get("RegexMatchStatement") instanceof Map<?, ?> regex) {
            assertThat(regex.get("FieldToMatch")).isEqualTo(Map.of("UriPath", Map.of()));
            return Pattern.compile((String) regex.get("RegexString")).matcher(path).find();
        }
        if (path(statement, "NotStatement", "Statement") != null) {
            return !matches(path(statement, "NotStatement", "Statement"), path, labels);
        }
        if (path(statement, "AndStatement") != null) {
            return statements(path(statement, "AndStatement")).stream().allMatch(s -> matches(s, path, labels));
        }
        if (path(statement, "OrStatement") != null) {
            return statements(path(statement, "OrStatement")).stream().anyMatch(s -> matches(s, path, labels));
        }
        if (path(statement, "LabelMatchStatement") != null) {
            Map<String, Object> label = path(statement, "LabelMatchStatement");
            return label.get("Scope").equals("LABEL") && labels.contains(label.get("Key"));
        }
        throw new AssertionError("a statement this test does not evaluate: " + statement);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> compound) {
        return (List<Map<String, Object>>) compound.get("Statements");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() {
        return (List<Map<String, Object>>) path(webAcl, "Properties").get("Rules");
    }

    private static Map<String, Object> rule(String name) {
        return rules().stream().filter(r -> name.equals(r.get("Name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + name + " in " + rules()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> object, String... keys) {
        Object value = object;
        for (String key : keys) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return (Map<String, Object>) value;
    }
}
