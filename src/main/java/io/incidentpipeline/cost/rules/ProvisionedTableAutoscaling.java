package io.incidentpipeline.cost.rules;

import io.github.cdklabs.cdknag.NagRuleCompliance;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalableTarget;
import software.amazon.awscdk.services.dynamodb.CfnGlobalTable;
import software.amazon.awscdk.services.dynamodb.CfnTable;

/**
 * A DynamoDB table with provisioned capacity must scale it: fixed capacity is paid for every hour
 * whether used or not, and throttles when traffic exceeds it.
 */
public final class ProvisionedTableAutoscaling implements CostRule {
    @Override
    public String name() {
        return "ProvisionedTableAutoscaling";
    }

    @Override
    public String info() {
        return "The DynamoDB table has provisioned capacity without auto scaling.";
    }

    @Override
    public String explanation() {
        return "Provisioned capacity is billed every hour at its set level. Use on-demand billing for spiky"
                + " or low traffic, or configure auto scaling (TableV2 Capacity.autoscaled) for steady traffic.";
    }

    @Override
    public boolean appliesTo(CfnResource resource) {
        return resource instanceof CfnGlobalTable || resource instanceof CfnTable;
    }

    @Override
    public NagRuleCompliance check(CfnResource resource) {
        if (resource instanceof CfnGlobalTable) {
            CfnGlobalTable table = (CfnGlobalTable) resource;
            if (!"PROVISIONED".equals(Stack.of(resource).resolve(table.getBillingMode()))) {
                return NagRuleCompliance.COMPLIANT;
            }
            // Global-table writes always auto scale when provisioned; each replica's reads may be fixed.
            Object replicas = Stack.of(resource).resolve(table.getReplicas());
            boolean fixedReads = replicas instanceof List && ((List<?>) replicas).stream()
                    .filter(Map.class::isInstance)
                    .map(replica -> ((Map<?, ?>) replica).get("readProvisionedThroughputSettings"))
                    .anyMatch(read -> read instanceof Map && ((Map<?, ?>) read).containsKey("readCapacityUnits"));
            return fixedReads ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
        }
        if (resource instanceof CfnTable) {
            CfnTable table = (CfnTable) resource;
            Object billing = Stack.of(resource).resolve(table.getBillingMode());
            if ("PAY_PER_REQUEST".equals(billing)) {
                return NagRuleCompliance.COMPLIANT;
            }
            // A CfnTable scales through Application Auto Scaling targets whose resource id refers to it.
            Stack stack = Stack.of(resource);
            String logicalId = String.valueOf(stack.resolve(resource.getLogicalId()));
            boolean scaled = stack.getNode().findAll().stream()
                    .filter(CfnScalableTarget.class::isInstance)
                    .map(target -> String.valueOf(stack.resolve(((CfnScalableTarget) target).getResourceId())))
                    .anyMatch(id -> id.contains("{Ref=" + logicalId + "}"));
            return scaled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
        }
        return NagRuleCompliance.NOT_APPLICABLE;
    }
}
