package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookAction;
import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import io.incidentpipeline.handlers.playbook.PlaybookResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Revokes every inbound rule open to the world ({@code 0.0.0.0/0} or {@code ::/0}) of the security
 * group an incident names, in its {@code securityGroupId} label or a {@code resourceArn} label
 * {@code arn:aws:ec2:<region>:<account>:security-group/sg-…}. Egress rules, and rules whose source
 * is a narrower range, a prefix list or another group, are left alone.
 */
public final class RevokeOpenIngressAction implements PlaybookAction {
    private static final Pattern GROUP_ID = Pattern.compile("sg-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern GROUP_ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)*:ec2:([a-z0-9-]+):[0-9]{12}:security-group/(.*)");

    private final SecurityGroupRules rules;

    /** @param rules EC2, in the region whose security groups this playbook remediates */
    public RevokeOpenIngressAction(SecurityGroupRules rules) {
        this.rules = rules;
    }

    /**
     * Reads the group's rules and, unless it is a dry run, revokes its world-open ingress rules.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when EC2 refuses or cannot be reached
     */
    @Override
    public PlaybookResult run(PlaybookIncident incident, boolean dryRun) {
        Target target = groupOf(incident);
        if (!target.found()) {
            return PlaybookResult.failed(target.problem());
        }
        String groupId = target.id();
        List<SecurityGroupRule> open = rules.describe(groupId).stream().filter(SecurityGroupRule::openIngress).toList();
        if (open.isEmpty()) {
            return PlaybookResult.succeeded("Security group " + groupId + " in " + rules.region() + " has no inbound"
                    + " rule open to 0.0.0.0/0 or ::/0; nothing to change.", List.of());
        }
        List<String> changes = open.stream().map(rule -> "revoke " + rule.ruleId() + ": " + rule.describe()).toList();
        if (dryRun) {
            return PlaybookResult.succeeded("Dry run: would revoke " + open.size() + " inbound rule(s) of security group "
                    + groupId + " open to the world.", changes);
        }
        rules.revokeIngress(groupId, open.stream().map(SecurityGroupRule::ruleId).toList());
        return PlaybookResult.succeeded("Revoked " + open.size() + " inbound rule(s) of security group " + groupId
                + " open to the world.", changes);
    }

    private Target groupOf(PlaybookIncident incident) {
        String groupId = incident.labels().get("securityGroupId");
        String arn = incident.labels().get("resourceArn");
        if (groupId == null && arn == null) {
            return Target.none("Incident " + incident.incidentId() + " names no security group: it has neither a"
                    + " securityGroupId label nor a resourceArn label arn:aws:ec2:<region>:<account>:security-group/sg-…."
                    + " GuardDuty EC2 findings and Security Hub AwsEc2SecurityGroup findings set them; a webhook alert"
                    + " can send labels.securityGroupId.");
        }
        if (groupId == null) {
            Matcher matcher = GROUP_ARN.matcher(arn);
            if (!matcher.matches()) {
                return Target.none("Incident " + incident.incidentId() + " names no security group: its resourceArn"
                        + " label '" + arn + "' is not a security group ARN"
                        + " (arn:aws:ec2:<region>:<account>:security-group/sg-…). Nothing was changed.");
            }
            // A group of another region would look empty from here: fail rather than report it compliant.
            if (!matcher.group(1).equals(rules.region())) {
                return Target.none("Security group " + arn + " is in " + matcher.group(1) + ", but this playbook acts"
                        + " in " + rules.region() + ". Nothing was changed; run the playbook in " + matcher.group(1) + ".");
            }
            groupId = matcher.group(2);
        }
        if (!GROUP_ID.matcher(groupId).matches()) {
            return Target.none("Incident " + incident.incidentId() + " names security group '" + groupId + "', which is"
                    + " not a security group id (sg- and 8 or 17 lowercase hexadecimal digits). Nothing was changed;"
                    + " fix the label the alert source sends.");
        }
        return Target.of(groupId);
    }
}
