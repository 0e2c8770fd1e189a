package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookHandler;

/**
 * The built-in playbook that turns on all four S3 Block Public Access settings of the bucket an
 * incident names ({@link BlockPublicBucketAction}), as a Lambda handler.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN}.
 */
public final class BlockPublicBucketPlaybook extends PlaybookHandler {
    /** For Lambda: configured from the environment, with the clients built once at init. */
    public BlockPublicBucketPlaybook() {
        super(new BlockPublicBucketAction(RemediationClients.s3()));
    }
}
