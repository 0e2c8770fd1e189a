package io.incidentpipeline.handlers.remediation;

import java.util.List;

/** The EC2 calls {@link RevokeOpenIngressAction} makes, in one region. */
public interface SecurityGroupRules {
    /** @return the region whose security groups these are, e.g. {@code us-east-1} */
    String region();

    /**
     * @return every rule of the group, ingress and egress; empty when the group has none or does not
     *         exist in this region
     */
    List<SecurityGroupRule> describe(String groupId);

    /**
     * Revokes ingress rules of a group. A rule that is already gone is not an error.
     *
     * @param ruleIds at least one rule id, e.g. {@code sgr-0123abcd}
     */
    void revokeIngress(String groupId, List<String> ruleIds);
}
