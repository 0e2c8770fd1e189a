package io.incidentpipeline.handlers.remediation;

/**
 * One rule of a security group, as EC2's {@code DescribeSecurityGroupRules} describes it. A rule
 * has one source (or, for egress, destination): an IPv4 range, an IPv6 range, a prefix list or
 * another security group.
 *
 * @param ruleId            e.g. {@code sgr-0123abcd}
 * @param groupId           the group the rule belongs to
 * @param egress            whether it is an outbound rule
 * @param protocol          {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, a protocol number, or
 *                          {@code -1} for all
 * @param fromPort          the first port (ICMP: the type), {@code -1} or {@code null} for all
 * @param toPort            the last port (ICMP: the code), {@code -1} or {@code null} for all
 * @param cidrIpv4          the IPv4 range, or {@code null}
 * @param cidrIpv6          the IPv6 range, or {@code null}
 * @param prefixListId      the prefix list, or {@code null}
 * @param referencedGroupId the security group referenced, or {@code null}
 */
public record SecurityGroupRule(String ruleId, String groupId, boolean egress, String protocol, Integer fromPort,
        Integer toPort, String cidrIpv4, String cidrIpv6, String prefixListId, String referencedGroupId) {

    /** @return whether this is an inbound rule from any address: {@code 0.0.0.0/0} or {@code ::/0} */
    public boolean openIngress() {
        return !egress && ("0.0.0.0/0".equals(cidrIpv4) || "::/0".equals(cidrIpv6));
    }

    /**
     * @return what the rule allows, e.g. {@code tcp 22-22 from 0.0.0.0/0}, {@code icmp type 8 code -1 from ::/0}
     *         or {@code all traffic from 0.0.0.0/0}
     */
    public String describe() {
        String traffic = "-1".equals(protocol) ? "all traffic"
                : fromPort == null || fromPort == -1 ? protocol
                : protocol.startsWith("icmp") ? protocol + " type " + fromPort + " code " + toPort
                : protocol + " " + fromPort + "-" + toPort;
        String peer = cidrIpv4 != null ? cidrIpv4 : cidrIpv6 != null ? cidrIpv6
                : prefixListId != null ? prefixListId : referencedGroupId;
        return traffic + (egress ? " to " : " from ") + peer;
    }
}
