package io.incidentpipeline.playbooks;

import io.incidentpipeline.guardrails.Guardrails;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The built-in remediations a {@link RemediationPlaybook} runs, each on the incidents that name
 * its target in a label (the AWS-native sources set these labels from their findings).
 */
public enum Remediation {
    /**
     * Turns on all four S3 Block Public Access settings of the bucket named by the label
     * {@code s3Bucket} (or an S3 ARN in {@code resourceArn}).
     */
    BLOCK_PUBLIC_BUCKET("block-public-bucket", "io.incidentpipeline.handlers.remediation.BlockPublicBucketPlaybook",
            "s3Bucket"),
    /**
     * Revokes the ingress rules open to the world (0.0.0.0/0, ::/0) of the security group named by the
     * label {@code securityGroupId} (or a security-group ARN in {@code resourceArn}); egress and
     * rules from other groups or prefix lists are left alone.
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

    /** @return the remediation with this id, if there is one */
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
     * {@code ec2:DescribeSecurityGroupRules} has no resource-level permissions.
     */
    List<PolicyStatement> permissions(Stack stack) {
        return switch (this) {
            case BLOCK_PUBLIC_BUCKET -> List.of(PolicyStatement.Builder.create()
                    // ListBucket: the S3 client's cross-region access looks up a bucket's region with HeadBucket.
                    .actions(List.of("s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock", "s3:ListBucket"))
                    .resources(List.of(anyBucket(stack)))
                    .build());
            case REVOKE_OPEN_INGRESS -> List.of(
                    PolicyStatement.Builder.create()
                            .actions(List.of("ec2:DescribeSecurityGroupRules"))
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
                            + " actions are only reading and turning on Block Public Access (and finding the bucket's region)."));
            case REVOKE_OPEN_INGRESS -> List.of(
                    new AcknowledgedFinding("AwsSolutions-IAM5[Resource::*]",
                            "ec2:DescribeSecurityGroupRules supports no resource-level permissions; it only reads rules."),
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
