package io.incidentpipeline.notify;

import io.incidentpipeline.lambda.DeadLetterQueue;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * An SNS topic for incident notifications: encrypted with a customer-managed KMS key (the
 * AWS-managed SNS key cannot be used by EventBridge), TLS-only, with optional e-mail subscribers
 * whose undeliverable messages go to a dead-letter queue.
 */
public final class NotificationTopic extends Construct {
    private final Topic topic;
    private final Key key;

    /** Creates the topic with every default of {@link NotificationTopicProps}. */
    public NotificationTopic(Construct scope, String id) {
        this(scope, id, NotificationTopicProps.builder().build());
    }

    public NotificationTopic(Construct scope, String id, NotificationTopicProps props) {
        super(scope, id);
        String displayName = props.getDisplayName();
        List<String> emails = props.getEmails();
        key = Key.Builder.create(this, "Key")
                .description(displayName + " (SNS topic encryption)")
                .enableKeyRotation(true)
                .build();
        // EventBridge encrypts what it publishes with this key; only for this account's rules.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        topic = Topic.Builder.create(this, "Resource")
                .displayName(displayName)
                .masterKey(key)
                .enforceSsl(true)
                .build();
        if (!emails.isEmpty()) {
            DeadLetterQueue undeliverable = new DeadLetterQueue(this, "EmailDeadLetterQueue",
                    "notification e-mails SNS could not deliver");
            for (String email : emails) {
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

    /** @return the topic's encryption key */
    public Key getKey() {
        return key;
    }
}
