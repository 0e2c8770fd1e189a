package io.incidentpipeline.notify;

import io.incidentpipeline.lambda.DeadLetterQueue;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.CfnTopic;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * An SNS topic for notifications: TLS-only, encrypted as {@link TopicEncryption} says (a rotating
 * customer-managed key by default), publishable by the AWS services named in its props for this
 * account only, with optional e-mail subscribers whose undeliverable messages go to a
 * dead-letter queue.
 */
public final class NotificationTopic extends Construct {
    private final Topic topic;
    private final IKey key;
    private DeadLetterQueue undeliverable;

    /**
     * Creates the topic with every default of {@link NotificationTopicProps}.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     */
    public NotificationTopic(Construct scope, String id) {
        this(scope, id, NotificationTopicProps.builder().build());
    }

    /**
     * Creates the topic, its key unless {@code props} names one or none, and the e-mail subscriptions.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration
     */
    public NotificationTopic(Construct scope, String id, NotificationTopicProps props) {
        super(scope, id);
        TopicEncryption encryption = props.getEncryption();
        key = encryption.isOwnKey()
                ? Key.Builder.create(this, "Key")
                        .description(props.getDisplayName() + " (SNS topic encryption)")
                        .enableKeyRotation(true)
                        .build()
                : encryption.getKey();
        topic = Topic.Builder.create(this, "Resource")
                .topicName(props.getTopicName())
                .displayName(props.getDisplayName())
                .masterKey(key)
                .enforceSsl(true)
                .build();
        if (encryption.getUnencryptedReason() != null) {
            // The audit trail of the choice, beside the cdk-nag acknowledgments in the template's metadata
            // (cdk-nag 3's AwsSolutions pack no longer reports unencrypted topics; NIST and HIPAA packs do).
            ((CfnTopic) topic.getNode().getDefaultChild()).addMetadata("incident-pipeline:unencrypted-reason",
                    encryption.getUnencryptedReason());
        }
        String account = Stack.of(this).getAccount();
        for (String service : props.getPublishingServices()) {
            ServicePrincipal principal = new ServicePrincipal(service);
            Map<String, Object> thisAccount = Map.of("StringEquals", Map.of("aws:SourceAccount", account));
            if (!service.equals("events.amazonaws.com")) {
                topic.addToResourcePolicy(PolicyStatement.Builder.create()
                        .principals(List.of(principal))
                        .actions(List.of("sns:Publish"))
                        .resources(List.of(topic.getTopicArn()))
                        .conditions(thisAccount)
                        .build());
            }
            if (key != null) {
                key.addToResourcePolicy(PolicyStatement.Builder.create()
                        .principals(List.of(principal))
                        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                        .resources(List.of("*"))
                        .conditions(thisAccount)
                        .build());
            }
        }
        if (!props.getEmails().isEmpty()) {
            undeliverable = new DeadLetterQueue(this, "EmailDeadLetterQueue",
                    "notification e-mails SNS could not deliver");
            for (String email : props.getEmails()) {
                topic.addSubscription(EmailSubscription.Builder.create(email)
                        .deadLetterQueue(undeliverable.getQueue())
                        .build());
            }
        }
    }

    /** @return the topic */
    public ITopic getTopic() {
        return topic;
    }

    /** @return where e-mails go that SNS could not deliver, when the topic has e-mail subscribers */
    public java.util.Optional<IQueue> getEmailDeadLetterQueue() {
        return java.util.Optional.ofNullable(undeliverable).map(DeadLetterQueue::getQueue);
    }

    /** @return the topic's encryption key, or null when unencrypted */
    public IKey getKey() {
        return key;
    }
}
