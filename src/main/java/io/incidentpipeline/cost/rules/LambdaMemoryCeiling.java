package io.incidentpipeline.cost.rules;

import io.github.cdklabs.cdknag.NagRuleCompliance;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnFunction;

/**
 * Lambda memory above a ceiling needs a reason: memory is billed per GB-second of every
 * invocation, so a doubling doubles the compute bill unless it halves the duration.
 */
public final class LambdaMemoryCeiling implements CostRule {
    private final int ceilingMb;

    /** @param ceilingMb the largest memory size accepted without an acknowledgment */
    public LambdaMemoryCeiling(int ceilingMb) {
        this.ceilingMb = ceilingMb;
    }

    @Override
    public String name() {
        return "LambdaMemoryCeiling";
    }

    @Override
    public String info() {
        return "The Lambda function's memory size is above " + ceilingMb + " MB.";
    }

    @Override
    public String explanation() {
        return "Lambda bills memory x duration. Above " + ceilingMb + " MB, acknowledge the finding with the"
                + " measurement that shows the extra memory pays for itself in shorter duration.";
    }

    @Override
    public boolean appliesTo(CfnResource resource) {
        return resource instanceof CfnFunction;
    }

    @Override
    public NagRuleCompliance check(CfnResource resource) {
        if (!(resource instanceof CfnFunction)) {
            return NagRuleCompliance.NOT_APPLICABLE;
        }
        Object memory = Stack.of(resource).resolve(((CfnFunction) resource).getMemorySize());
        int megabytes = memory instanceof Number ? ((Number) memory).intValue() : 128;
        return megabytes > ceilingMb ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
    }
}
