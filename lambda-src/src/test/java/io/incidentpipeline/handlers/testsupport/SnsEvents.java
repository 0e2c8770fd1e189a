package io.incidentpipeline.handlers.testsupport;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.incidentpipeline.handlers.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SNS events as Lambda delivers them to a subscribed function (the envelope of
 * {@code events/sns/lambda-sns-event.json}), read through the runtime's deserializer.
 */
public final class SnsEvents {
    /**
     * One notification of a topic.
     *
     * @param topicArn  the topic it was published to
     * @param message   the message text, e.g. a fixture of {@code events/sns}
     * @param timestamp when SNS published it, ISO-8601
     */
    public record Notification(String topicArn, String message, String timestamp) {
    }

    private SnsEvents() {
    }

    /** @return an event with one record per notification */
    public static SNSEvent event(Notification... notifications) {
        List<Object> records = new ArrayList<>();
        for (Notification notification : notifications) {
            Map<String, Object> sns = new LinkedHashMap<>();
            sns.put("Type", "Notification");
            sns.put("MessageId", UUID.randomUUID().toString());
            sns.put("TopicArn", notification.topicArn());
            sns.put("Subject", "AWS Notification");
            sns.put("Message", notification.message());
            sns.put("Timestamp", notification.timestamp());
            sns.put("SignatureVersion", "1");
            sns.put("Signature", "EXAMPLE");
            sns.put("SigningCertUrl", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem");
            sns.put("UnsubscribeUrl", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
            sns.put("MessageAttributes", Map.of());
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("EventSource", "aws:sns");
            record.put("EventVersion", "1.0");
            record.put("EventSubscriptionArn", notification.topicArn() + ":" + UUID.randomUUID());
            record.put("Sns", sns);
            records.add(record);
        }
        return LambdaEvents.read(SNSEvent.class, Json.write(Map.of("Records", records)));
    }
}
