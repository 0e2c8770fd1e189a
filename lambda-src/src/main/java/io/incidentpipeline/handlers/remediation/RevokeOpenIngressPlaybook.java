package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookHandler;

/**
 * The built-in playbook that revokes the ingress rules open to the world (0.0.0.0/0, ::/0) of the
 * security group an incident names ({@link RevokeOpenIngressAction}), as a Lambda handler.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN}.
 */
public final class RevokeOpenIngressPlaybook extends PlaybookHandler {
    /** For Lambda: configured from the environment, with the clients built once at init. */
    public RevokeOpenIngressPlaybook() {
        super(new RevokeOpenIngressAction(RemediationClients.securityGroupRules()));
    }
}
