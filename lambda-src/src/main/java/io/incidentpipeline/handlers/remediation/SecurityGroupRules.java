package io.incidentpipeline.handlers.remediation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The EC2 calls {@link RevokeOpenIngressAction} makes, in one region. */
public interface SecurityGroupRules {
    /**
     * A security group's owner and tags.
     *
     * @param groupId the group
     * @param ownerId the account that owns it
     * @param tags    its tags, possibly empty
     */
    record SecurityGroup(String groupId, String ownerId, Map<String, String> tags) {
        public SecurityGroup {
            tags = Map.copyOf(tags);
        }
    }

    /** @return the region whose security groups these are, e.g. {@code us-east-1} */
    String region();

    /** @return the group, or empty when this region has no such group */
    Optional<SecurityGroup> group(String groupId);

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
