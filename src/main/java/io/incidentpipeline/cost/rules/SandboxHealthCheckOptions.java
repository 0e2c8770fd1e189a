package io.incidentpipeline.cost.rules;

import io.github.cdklabs.cdknag.NagRuleCompliance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.route53.CfnHealthCheck;

/**
 * In a sandbox, a Route 53 health check may not use the options billed on top of the check: HTTPS,
 * string matching, the 10-second interval or latency measurement ($1–2 a month each, per check).
 */
public final class SandboxHealthCheckOptions implements CostRule {
    @Override
    public String name() {
        return "SandboxHealthCheckOptions";
    }

    @Override
    public String info() {
        return "A sandbox health check uses an option billed on top of the check (HTTPS, string match, fast"
                + " interval or latency measurement).";
    }

    @Override
    public String explanation() {
        return "Each optional feature adds $1 (AWS endpoint) or $2 a month per health check, more than a"
                + " sandbox's whole idle budget. Use a plain HTTP or TCP check with the 30-second interval there, or none.";
    }

    @Override
    public boolean appliesTo(CfnResource resource) {
        return resource instanceof CfnHealthCheck;
    }

    @Override
    public NagRuleCompliance check(CfnResource resource) {
        if (!(resource instanceof CfnHealthCheck)) {
            return NagRuleCompliance.NOT_APPLICABLE;
        }
        return costlyOptions(resource).isEmpty() ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }

    /** @return the billed options the health check uses, e.g. {@code [string match, fast interval]} */
    static List<String> costlyOptions(CfnResource resource) {
        Object config = Stack.of(resource).resolve(((CfnHealthCheck) resource).getHealthCheckConfig());
        List<String> options = new ArrayList<>();
        if (config instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) config;
            String type = String.valueOf(map.get("type"));
            if (type.startsWith("HTTPS")) {
                options.add("HTTPS");
            }
            if (type.endsWith("_STR_MATCH")) {
                options.add("string match");
            }
            Object interval = map.get("requestInterval");
            if (interval instanceof Number && ((Number) interval).intValue() == 10) {
                options.add("fast interval");
            }
            if (Boolean.TRUE.equals(map.get("measureLatency"))) {
                options.add("latency measurement");
            }
        }
        return options;
    }
}
