package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookAction;
import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import io.incidentpipeline.handlers.playbook.PlaybookResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Revokes the inbound rules open to the world ({@code 0.0.0.0/0} or {@code ::/0}) of the security
 * group an incident names (its {@code securityGroupId} label, or a {@code resourceArn} label
 * {@code arn:aws:ec2:<region>:<account>:security-group/sg-…}) that the finding is about, and no others:
 * <ul>
 *   <li>a finding that names ports (GuardDuty's {@code findingPorts}, e.g. {@code tcp/22}; Security Hub
 *       controls EC2.13 and EC2.14: tcp/22, tcp/3389) revokes only the rules that open those ports;</li>
 *   <li>a finding that names none (EC2.18, EC2.19) revokes the world-open rules of any port, except</li>
 *   <li>rules that open one of the intentionally public ports ({@code PUBLIC_PORTS}, default 80 and
 *       443), which are never revoked: a rule that opens 22 and 443 together is left for a person;</li>
 *   <li>a group tagged {@value #OPT_OUT_TAG}{@code =off}, of another account, or not in this region
 *       is not changed: the run ends {@code SKIPPED}.</li>
 * </ul>
 * Egress rules, and rules whose source is a narrower range, a prefix list or another group, are left alone.
 */
public final class RevokeOpenIngressAction implements PlaybookAction {
    /** The tag that opts a bucket or security group out of every built-in remediation, with the value {@code off}. */
    public static final String OPT_OUT_TAG = "incident-pipeline:remediation";
    private static final Pattern GROUP_ID = Pattern.compile("sg-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern GROUP_ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)*:ec2:([a-z0-9-]+):([0-9]{12}):security-group/(.*)");
    private static final Pattern PORT = Pattern.compile("(tcp|udp)/([0-9]{1,5})");
    /** The Security Hub controls that are about one port. */
    private static final Map<String, List<Port>> CONTROL_PORTS = Map.of(
            "EC2.13", List.of(new Port("tcp", 22)),
            "EC2.14", List.of(new Port("tcp", 3389)));

    /** A port a finding names. */
    record Port(String protocol, int number) {
        @Override
        public String toString() {
            return protocol + "/" + number;
        }
    }

    private final SecurityGroupRules rules;
    private final String account;
    private final Set<Integer> publicPorts;

    /**
     * @param rules       EC2, in the region whose security groups this playbook remediates
     * @param account     the account whose security groups it remediates
     * @param publicPorts ports that are public on purpose: a rule opening one is never revoked
     */
    public RevokeOpenIngressAction(SecurityGroupRules rules, String account, Set<Integer> publicPorts) {
        this.rules = rules;
        this.account = account;
        this.publicPorts = Set.copyOf(publicPorts);
    }

    /**
     * Reads the group and its rules and, unless it is a dry run, revokes the world-open ingress
     * rules the finding is about.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when EC2 refuses or cannot be reached
     */
    @Override
    public PlaybookResult run(PlaybookIncident incident, boolean dryRun) {
        Target target = groupOf(incident);
        if (!target.found()) {
            return target.result();
        }
        String groupId = target.id();
        Optional<SecurityGroupRules.SecurityGroup> group = rules.group(groupId);
        if (group.isEmpty()) {
            return PlaybookResult.skipped("Security group " + groupId + " does not exist in " + rules.region()
                    + " (deleted since, or in another region); nothing was changed.");
        }
        if (!account.equals(group.get().ownerId())) {
            return PlaybookResult.skipped("Security group " + groupId + " belongs to account " + group.get().ownerId()
                    + "; this playbook changes only account " + account + "'s. Nothing was changed.");
        }
        if ("off".equals(group.get().tags().get(OPT_OUT_TAG))) {
            return PlaybookResult.skipped("Security group " + groupId + " is tagged " + OPT_OUT_TAG + "=off: opted out"
                    + " of remediation. Nothing was changed; remove the tag to let the playbook act.");
        }
        List<Port> ports = portsOf(incident);
        if (ports.isEmpty() && incident.provenance() != null && incident.provenance().findingType() != null) {
            return PlaybookResult.skipped("GuardDuty finding " + incident.provenance().findingType() + " names no port"
                    + " reached from outside (e.g. the instance is the actor, not the target); no ingress rule is about"
                    + " it. Nothing was changed.");
        }
        List<SecurityGroupRule> about = rules.describe(groupId).stream()
                .filter(SecurityGroupRule::openIngress)
                .filter(rule -> ports.isEmpty() || ports.stream().anyMatch(port -> opens(rule, port)))
                .toList();
        List<SecurityGroupRule> publicOnPurpose = about.stream().filter(this::opensPublicPort).toList();
        List<SecurityGroupRule> revoke = about.stream().filter(rule -> !opensPublicPort(rule)).toList();
        String scope = ports.isEmpty() ? "open to the world outside the public ports " + new TreeSet<>(publicPorts)
                : "opening " + ports.stream().map(Port::toString).collect(Collectors.joining(", ")) + " to the world";
        String leftAlone = publicOnPurpose.isEmpty() ? "" : " Left alone, as they open a public port "
                + new TreeSet<>(publicPorts) + ": " + publicOnPurpose.stream()
                        .map(rule -> rule.ruleId() + " (" + rule.describe() + ")").collect(Collectors.joining(", "))
                + "; narrow them by hand if they are wrong.";
        if (revoke.isEmpty()) {
            return publicOnPurpose.isEmpty()
                    ? PlaybookResult.succeeded("Security group " + groupId + " in " + rules.region() + " has no inbound"
                            + " rule " + scope + "; nothing to change.", List.of())
                    : PlaybookResult.skipped("Every inbound rule of security group " + groupId + " " + scope
                            + " also opens a public port; nothing was changed." + leftAlone);
        }
        List<String> changes = revoke.stream().map(rule -> "revoke " + rule.ruleId() + ": " + rule.describe()).toList();
        if (dryRun) {
            return PlaybookResult.succeeded("Dry run: would revoke " + revoke.size() + " inbound rule(s) of security group "
                    + groupId + " " + scope + "." + leftAlone, changes);
        }
        rules.revokeIngress(groupId, revoke.stream().map(SecurityGroupRule::ruleId).toList());
        return PlaybookResult.succeeded("Revoked " + revoke.size() + " inbound rule(s) of security group " + groupId
                + " " + scope + "." + leftAlone, changes);
    }

    /** The ports the finding names: GuardDuty's {@code findingPorts} label, or the port of a one-port control. */
    private static List<Port> portsOf(PlaybookIncident incident) {
        List<Port> ports = new ArrayList<>();
        String named = incident.labels().get("findingPorts");
        if (named != null) {
            for (String entry : named.split(",")) {
                Matcher port = PORT.matcher(entry.strip());
                if (port.matches()) {
                    ports.add(new Port(port.group(1), Integer.parseInt(port.group(2))));
                }
            }
        } else if (incident.provenance() != null && incident.provenance().controlId() != null) {
            ports.addAll(CONTROL_PORTS.getOrDefault(incident.provenance().controlId(), List.of()));
        }
        return ports;
    }

    /** @return whether the rule lets {@code port} in: all protocols, or its protocol with a range that holds it */
    private static boolean opens(SecurityGroupRule rule, Port port) {
        if ("-1".equals(rule.protocol())) {
            return true;
        }
        String protocol = switch (rule.protocol()) {
            case "6" -> "tcp";
            case "17" -> "udp";
            default -> rule.protocol();
        };
        if (!protocol.equals(port.protocol())) {
            return false;
        }
        boolean allPorts = rule.fromPort() == null || rule.fromPort() == -1;
        return allPorts || (rule.fromPort() <= port.number() && port.number() <= rule.toPort());
    }

    private boolean opensPublicPort(SecurityGroupRule rule) {
        return publicPorts.stream().anyMatch(port -> opens(rule, new Port("tcp", port)) || opens(rule, new Port("udp", port)));
    }

    private Target groupOf(PlaybookIncident incident) {
        String groupId = incident.labels().get("securityGroupId");
        String arn = incident.labels().get("resourceArn");
        if (groupId == null && arn == null) {
            return Target.failed("Incident " + incident.incidentId() + " names no security group: it has neither a"
                    + " securityGroupId label nor a resourceArn label arn:aws:ec2:<region>:<account>:security-group/sg-…."
                    + " GuardDuty EC2 findings and Security Hub AwsEc2SecurityGroup findings set them.");
        }
        Matcher matcher = arn == null ? null : GROUP_ARN.matcher(arn);
        if (matcher != null && matcher.matches()) {
            // A group of another region would look absent from here: never report it compliant.
            if (!matcher.group(1).equals(rules.region()) || !matcher.group(2).equals(account)) {
                return Target.skipped("Security group " + arn + " is in account " + matcher.group(2) + ", region "
                        + matcher.group(1) + "; this playbook acts only in account " + account + ", region "
                        + rules.region() + ". Nothing was changed.");
            }
            groupId = groupId != null ? groupId : matcher.group(3);
        } else if (groupId == null) {
            return Target.failed("Incident " + incident.incidentId() + " names no security group: its resourceArn"
                    + " label '" + arn + "' is not a security group ARN"
                    + " (arn:aws:ec2:<region>:<account>:security-group/sg-…). Nothing was changed.");
        }
        if (groupId == null || !GROUP_ID.matcher(groupId).matches()) {
            return Target.failed("Incident " + incident.incidentId() + " names security group '" + groupId + "', which is"
                    + " not a security group id (sg- and 8 or 17 lowercase hexadecimal digits). Nothing was changed.");
        }
        return Target.of(groupId);
    }
}
