package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.playbook.PlaybookHandler;

/**
 * The built-in playbook that turns on all four S3 Block Public Access settings of the bucket a
 * finding names ({@link BlockPublicBucketAction}), for the findings its trigger allow-list names
 * ({@link RemediationTriggers}), as a Lambda handler.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN}, {@code MAX_RUN_ATTEMPTS},
 * {@code REMEDIATION_TRIGGERS}, {@code ACCOUNT_ID}.
 */
public final class BlockPublicBucketPlaybook extends PlaybookHandler {
    /** For Lambda: configured from the environment, with the clients built once at init. */
    public BlockPublicBucketPlaybook() {
        super(new BlockPublicBucketAction(RemediationClients.s3(), new Environment(System.getenv()).required("ACCOUNT_ID")),
                RemediationTriggers.fromEnvironment(new Environment(System.getenv())));
    }
}
