package io.incidentpipeline.playbooks;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.routing.FindingTrigger;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The built-in remediations a {@link RemediationPlaybook} runs, each only on incidents of AWS
 * findings the pipeline verified itself that its trigger allow-list names ({@link #getDefaultTriggers()},
 * README "Remediation safety"), and only on the target those findings name in a label.
 */
public enum Remediation {
    /**
     * Turns on all four S3 Block Public Access settings of the bucket named by the label
     * {@code s3Bucket} (or an S3 ARN in {@code resourceArn}), unless it is tagged
     * {@code incident-pipeline:remediation=off}. Triggered by Security Hub controls S3.2, S3.3 and
     * S3.8 and GuardDuty's {@code Policy:S3/BucketAnonymousAccessGranted} and
     * {@code Policy:S3/BucketPublicAccessGranted}.
     */
    BLOCK_PUBLIC_BUCKET("block-public-bucket", "io.incidentpipeline.handlers.remediation.BlockPublicBucketPlaybook",
            "s3Bucket"),
    /**
     * Revokes the ingress rules open to the world (0.0.0.0/0, ::/0) that the finding is about, of the
     * security group named by the label {@code securityGroupId} (or a security-group ARN in
     * {@code resourceArn}): the ports the finding names, else every port but the intentionally public
     * ones (80 and 443 by default); never a rule that opens a public port, never a group tagged
     * {@code incident-pipeline:remediation=off}. Triggered by Security Hub controls EC2.13, EC2.14,
     * EC2.18 and EC2.19 and GuardDuty's port probe and SSH/RDP brute-force findings.
     */
    REVOKE_OPEN_INGRESS("revoke-open-ingress", "io.incidentpipeline.handlers.remediation.RevokeOpenIngressPlaybook",
            "securityGroupId");

    private final String id;
    private final String handlerClass;
    private final String targetLabel;

    Remediation(String id, String handlerClass, String targetLabel) {
        this.id = id;
        this.handlerClass = handlerClass;
        this.targetLabel = targetLabel;
    }

    /** @return the id used in the {@code playbooks} context key and as the playbook's name, e.g. {@code block-public-bucket} */
    public String getId() {
        return id;
    }

    /** @return the Lambda handler string */
    public String getHandler() {
        return handlerClass + "::handleRequest";
    }

    /** @return the label that names the remediation's target */
    public String getTargetLabel() {
        return targetLabel;
    }

    /**
     * The findings that trigger the remediation unless {@code RemediationPlaybookProps.triggers} says
     * otherwise; the README's "Remediation safety" table lists them.
     *
     * @return the default trigger allow-list
     */
    public List<FindingTrigger> getDefaultTriggers() {
        return switch (this) {
            case BLOCK_PUBLIC_BUCKET -> List.of(
                    // S3.1 is the account-level setting: its finding names no bucket.
                    FindingTrigger.securityHubControls("S3.2", "S3.3", "S3.8").build(),
                    // Not Policy:S3/BucketBlockPublicAccessDisabled: that bucket is not public (yet).
                    FindingTrigger.guardDuty("Policy:S3/BucketAnonymousAccessGranted",
                            "Policy:S3/BucketPublicAccessGranted").build());
            case REVOKE_OPEN_INGRESS -> List.of(
                    FindingTrigger.securityHubControls("EC2.13", "EC2.14", "EC2.18", "EC2.19").build(),
                    // GuardDuty rates these low when the instance is the target; each names the port it reached.
                    FindingTrigger.guardDuty("Recon:EC2/PortProbeUnprotectedPort", "Recon:EC2/PortProbeEMRUnprotectedPort",
                            "UnauthorizedAccess:EC2/SSHBruteForce", "UnauthorizedAccess:EC2/RDPBruteForce")
                            .minimumSeverity(Severity.LOW).build());
        };
    }

    /**
     * @param id the remediation's id, e.g. {@code revoke-open-ingress}
     * @return the remediation with this id, if there is one
     */
    public static Optional<Remediation> fromId(String id) {
        for (Remediation remediation : values()) {
            if (remediation.id.equals(id)) {
                return Optional.of(remediation);
            }
        }
        return Optional.empty();
    }

    /**
     * The statements the remediation's function needs, each named actions only. Some resources are
     * wildcards by necessity: an incident may name any bucket or security group of the account, and
     * {@code ec2:DescribeSecurityGroups} and {@code DescribeSecurityGroupRules} have no resource-level
     * permissions. Every call of the bucket playbook names the account as the expected bucket owner.
     */
    List<PolicyStatement> permissions(Stack stack) {
        return switch (this) {
            case BLOCK_PUBLIC_BUCKET -> List.of(PolicyStatement.Builder.create()
                    // GetBucketTagging: the opt-out tag.
                    .actions(List.of("s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock", "s3:GetBucketTagging"))
                    .resources(List.of(anyBucket(stack)))
                    .build());
            case REVOKE_OPEN_INGRESS -> List.of(
                    PolicyStatement.Builder.create()
                            // DescribeSecurityGroups: the group's owner and its opt-out tag.
                            .actions(List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"))
                            .resources(List.of("*"))
                            .build(),
                    PolicyStatement.Builder.create()
                            .actions(List.of("ec2:RevokeSecurityGroupIngress"))
                            .resources(List.of(anySecurityGroup(stack)))
                            .build());
        };
    }

    /** A nag finding that a wildcard resource raises, and why it stands. */
    record AcknowledgedFinding(String finding, String reason) {
    }

    /** @return the nag findings the wildcard resources of {@link #permissions} raise */
    List<AcknowledgedFinding> acknowledgedFindings(Stack stack) {
        return switch (this) {
            case BLOCK_PUBLIC_BUCKET -> List.of(new AcknowledgedFinding(
                    "AwsSolutions-IAM5[Resource::" + Guardrails.findingArn(stack, "s3", false, "*") + "]",
                    "The playbook acts on whichever bucket a finding names, which is not known at deploy time; its"
                            + " actions are only reading its tags and Block Public Access, and turning Block Public Access on."));
            case REVOKE_OPEN_INGRESS -> List.of(
                    new AcknowledgedFinding("AwsSolutions-IAM5[Resource::*]",
                            "ec2:DescribeSecurityGroups and DescribeSecurityGroupRules support no resource-level"
                                    + " permissions; they only read groups and rules."),
                    new AcknowledgedFinding("AwsSolutions-IAM5[Resource::"
                            + Guardrails.findingArn(stack, "ec2", true, "security-group/*") + "]", "The playbook acts on whichever security group a"
                            + " finding names, which is not known at deploy time; its only write is revoking ingress"
                            + " rules open to the world."));
        };
    }

    private static String anyBucket(Stack stack) {
        return "arn:" + stack.getPartition() + ":s3:::*";
    }

    private static String anySecurityGroup(Stack stack) {
        return "arn:" + stack.getPartition() + ":ec2:" + stack.getRegion() + ":" + stack.getAccount() + ":security-group/*";
    }
}
