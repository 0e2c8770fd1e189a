package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the runtime sends messages by ARN, as AWS does for rule targets, dead-letter queues and
 * invocation destinations: SQS queues and SNS topics in moto, Lambda functions of the template.
 */
final class Destinations {
    private final Moto moto;
    private final HopLog log;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();

    Destinations(Moto moto, HopLog log) {
        this.moto = moto;
        this.log = log;
    }

    /** Registers a queue created in moto; {@code label} names it in the hop log. */
    void queue(String arn, String url, String label) {
        queueUrls.put(arn, url);
        names.put(arn, label);
    }

    /** Registers a topic created in moto. */
    void topic(String arn, String label) {
        names.put(arn, label);
    }

    /** @return the label of the resource with {@code arn} (its logical id), or the ARN */
    String label(String arn) {
        return names.getOrDefault(arn, arn);
    }

    /** @return the URL of the queue with {@code arn} */
    String queueUrl(String arn) {
        String url = queueUrls.get(arn);
        if (url == null) {
            throw new LocalRuntimeException("no local queue has the ARN " + arn);
        }
        return url;
    }

    /** Sends {@code body} to the queue with {@code arn}, with string message attributes. */
    void sendToQueue(String arn, String body, Map<String, String> attributes) {
        ObjectNode request = Moto.object().put("QueueUrl", queueUrl(arn)).put("MessageBody", body);
        ObjectNode messageAttributes = request.putObject("MessageAttributes");
        attributes.forEach((name, value) -> messageAttributes.putObject(name).put("DataType", "String").put("StringValue", value));
        moto.json("sqs", "AmazonSQS.SendMessage", request);
    }

    /** Publishes {@code message} to the topic with {@code arn}. */
    void publish(String arn, String message) {
        moto.query("sns", "Publish", "2010-03-31", Map.of("TopicArn", arn, "Message", message));
    }

    /** Sends an invocation or batch record to a queue or topic destination, logging the hop. */
    void deliver(String arn, JsonNode record, String why) {
        String body = record.toString();
        if (arn.startsWith("arn:aws:sqs:")) {
            sendToQueue(arn, body, Map.of());
        } else if (arn.startsWith("arn:aws:sns:")) {
            publish(arn, body);
        } else {
            log.hop("failed", why + " → " + arn + ": destination type not emulated; the record was: " + HopLog.shorten(body, 200));
            return;
        }
        log.hop("failed", why + " → " + label(arn));
    }
}
