package io.incidentpipeline.lambda;

import io.incidentpipeline.guardrails.Guardrails;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * An SQS queue that holds what an asynchronous hop could not deliver: encrypted, TLS-only, and
 * kept for the SQS maximum of 14 days so an operator has time to inspect and redrive it.
 */
public final class DeadLetterQueue extends Construct {
    private final Queue queue;

    /**
     * @param scope   parent construct
     * @param id      construct id
     * @param purpose what fails into this queue, e.g. "incident events the bus rejected"; recorded
     *                as the reason of the queue's cdk-nag acknowledgments
     */
    public DeadLetterQueue(Construct scope, String id, String purpose) {
        this(scope, id, purpose, null);
    }

    /**
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param purpose what lands in the queue, for its description and its alarm's
     * @param queueName the queue's physical name, for a queue that a stack in another region names by
     *     ARN; null for a generated one
     */
    public DeadLetterQueue(Construct scope, String id, String purpose, String queueName) {
        super(scope, id);
        queue = Queue.Builder.create(this, "Resource")
                .queueName(queueName)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        String reason = "This queue is itself the dead-letter queue for " + purpose
                + "; a DLQ of a DLQ would only move the same messages once more.";
        Guardrails.acknowledge(queue, "AwsSolutions-SQS3", reason);
        Guardrails.acknowledge(queue, "Serverless-SQSRedrivePolicy", reason);
    }

    /** @return the queue */
    public IQueue getQueue() {
        return queue;
    }
}
