package io.incidentpipeline.handlers.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.MalformedJsonException;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.IncidentRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SNS adapter of the intake: AWS Budgets and Cost Anomaly Detection notifications become
 * incidents through the same dedup write as webhook alerts. No shared secret: SNS invokes the
 * function through IAM, and only topics in {@code ALERT_TOPIC_ARNS} are accepted.
 *
 * <p>The SNS event is read as JSON rather than through {@code SNSEvent}, whose Joda-Time timestamp
 * would put Joda-Time back into the jar for one field.
 *
 * <p>A notification no retry can fix (unknown topic, unrecognised or malformed message) is logged
 * and dropped with nothing written. A table that fails throws, so Lambda retries the asynchronous
 * invocation and finally keeps it in the on-failure destination.
 */
public final class SnsAlertHandler implements RequestStreamHandler {
    /** The largest message accepted, as for webhook bodies. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final Set<String> topicArns;
    private final IncidentRepository incidents;
    private final Clock clock;
    private final BudgetNotificationNormalizer budgets = new BudgetNotificationNormalizer();
    private final CostAnomalyNormalizer anomalies = new CostAnomalyNormalizer();

    /** For Lambda: configured from the environment, with the client built once at init. */
    public SnsAlertHandler() {
        this(new Environment(System.getenv()), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    /**
     * @param env      {@code TABLE_NAME} and {@code ALERT_TOPIC_ARNS}
     * @param dynamoDb the client of the incident table; its region is this handler's region
     * @param clock    the time a notification without a timestamp is dated with
     */
    public SnsAlertHandler(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        this.topicArns = Arrays.stream(env.optional("ALERT_TOPIC_ARNS", "").split(","))
                .map(String::trim).filter(arn -> !arn.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.incidents = new IncidentRepository(dynamoDb, env.required("TABLE_NAME"),
                dynamoDb.serviceClientConfiguration().region().id());
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Records every acceptable notification of an SNS event given as JSON; rejects the rest. */
    void handle(String eventJson) {
        Object event;
        try {
            event = Json.read(eventJson);
        } catch (MalformedJsonException e) {
            // SNS delivers one record per invocation: an event over the JSON limits (a message over
            // 64 KiB) is one notification that no retry can make acceptable.
            JsonLog.warn("topic alert rejected", "error", "malformed_event", "errorMessage", e.getMessage());
            return;
        }
        Object records = event instanceof Map ? ((Map<?, ?>) event).get("Records") : null;
        if (!(records instanceof List)) {
            JsonLog.warn("topic alert rejected", "error", "not_an_sns_event", "errorMessage",
                    "The invocation is not an SNS event (no Records list).");
            return;
        }
        for (Object record : (List<?>) records) {
            Map<?, ?> sns = record instanceof Map && ((Map<?, ?>) record).get("Sns") instanceof Map
                    ? (Map<?, ?>) ((Map<?, ?>) record).get("Sns") : Map.of();
            String topic = text(sns.get("TopicArn"));
            try {
                Alert alert = normalize(topic, text(sns.get("Message")), text(sns.get("Timestamp")));
                IncidentRepository.RecordResult result = incidents.recordAlert(alert, clock.instant());
                JsonLog.info("topic alert recorded", "incidentId", result.incident().incidentId(),
                        "source", alert.source(), "deduplicated", result.deduplicated(), "topic", topic);
            } catch (RejectedNotificationException rejected) {
                JsonLog.warn("topic alert rejected", "error", rejected.code(), "errorMessage", rejected.getMessage(),
                        "topic", topic, "messageId", text(sns.get("MessageId")));
            }
        }
    }

    private Alert normalize(String topic, String rawMessage, String timestamp) {
        if (topic == null || !topicArns.contains(topic)) {
            throw new RejectedNotificationException("unknown_topic", "Notifications from topic " + topic + " are not"
                    + " accepted; subscribe the topic through TopicAlertIngest.subscribe so it is added to"
                    + " ALERT_TOPIC_ARNS.");
        }
        String message = rawMessage == null ? "" : rawMessage.strip();
        if (message.isEmpty()) {
            throw new RejectedNotificationException("empty_message", "The notification has no message.");
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new RejectedNotificationException("message_too_large", "The notification's message is over "
                    + MAX_MESSAGE_BYTES + " bytes.");
        }
        if (budgets.recognises(message)) {
            return budgets.normalize(message, published(timestamp));
        }
        if (anomalies.recognises(message)) {
            return anomalies.normalize(message);
        }
        throw new RejectedNotificationException("unrecognised_message", "The notification is neither an AWS Budgets"
                + " notification nor a Cost Anomaly Detection one.");
    }

    private Instant published(String timestamp) {
        try {
            return timestamp == null ? clock.instant() : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }

    private static String text(Object value) {
        return value instanceof String ? (String) value : null;
    }
}
