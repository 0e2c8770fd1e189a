package io.incidentpipeline.cost.rules;

import io.github.cdklabs.cdknag.NagRuleCompliance;
import software.amazon.awscdk.CfnResource;

/**
 * One cost rule: a pure function of one CloudFormation resource, in the shape of cdk-nag's own
 * rules, with the text a finding shows.
 */
public interface CostRule {
    /** @return the rule's name; the finding id is {@code Cost-<name>} */
    String name();

    /** @return why the rule fired, in one sentence */
    String info();

    /** @return what the rule protects against and how to comply */
    String explanation();

    /**
     * @param resource the resource cdk-nag visits
     * @return {@code NOT_APPLICABLE} for resources the rule does not look at, otherwise whether
     *     {@code resource} complies
     */
    NagRuleCompliance check(CfnResource resource);

    /**
     * @param resource the resource cdk-nag visits
     * @return whether the rule looks at this resource at all; the pack calls {@link #check} only
     *     then. Each check is a round trip through jsii, and a large app (four stacks with every
     *     option on) overflowed the kernel's stack when every rule was asked about every resource.
     */
    boolean appliesTo(CfnResource resource);
}
