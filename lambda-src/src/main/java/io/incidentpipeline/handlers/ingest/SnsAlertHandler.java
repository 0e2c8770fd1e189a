package io.incidentpipeline.handlers.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Deliveries;
import io.incidentpipeline.handlers.store.IncidentRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SNS adapter of the intake: AWS Budgets notifications ({@link BudgetNotificationNormalizer})
 * and Cost Anomaly Detection notifications ({@link CostAnomalyNormalizer}) become incidents through
 * the same dedup write as webhook alerts. No shared secret: SNS invokes the function through IAM,
 * and only topics in {@code ALERT_TOPIC_ARNS} are accepted.
 *
 * <p>A notification no retry can fix (unknown topic; empty, oversized, unrecognised or malformed
 * message) is logged as {@code topic alert rejected} with an {@code error} code and dropped, with
 * nothing written. A table that fails throws, so Lambda retries the asynchronous invocation and
 * finally keeps it in the on-failure destination. Each record is claimed by its SNS
 * {@code MessageId} before it is recorded, so a redelivered notification records nothing twice; a
 * notification published longer ago than the delivery horizon is rejected ({@code event_too_old}).
 * The alert happened when SNS published it ({@code Timestamp}).
 *
 * <p>Environment: {@code TABLE_NAME}, {@code ALERT_TOPIC_ARNS}, {@code DELIVERY_HORIZON_SECONDS}.
 */
public final class SnsAlertHandler implements RequestHandler<SNSEvent, Void> {
    /** The largest message accepted, in UTF-8 bytes, as for webhook bodies. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final Set<String> topicArns;
    private final IncidentRepository incidents;
    private final Deliveries deliveries;
    private final DeliveryHorizon horizon;
    private final Clock clock;
    private final BudgetNotificationNormalizer budgets = new BudgetNotificationNormalizer();
    private final CostAnomalyNormalizer anomalies = new CostAnomalyNormalizer();

    /** For Lambda: configured from the environment, with the client built once at init. */
    public SnsAlertHandler() {
        this(new Environment(System.getenv()), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    /**
     * @param env      {@code TABLE_NAME} and {@code ALERT_TOPIC_ARNS} (comma-separated topic ARNs)
     * @param dynamoDb the client of the incident table; its region is this handler's region
     * @param clock    the time of the write, and the month of a notification without a timestamp
     */
    public SnsAlertHandler(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        this.topicArns = Arrays.stream(env.optional("ALERT_TOPIC_ARNS", "").split(","))
                .map(String::trim).filter(arn -> !arn.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.incidents = new IncidentRepository(dynamoDb, env.required("TABLE_NAME"),
                dynamoDb.serviceClientConfiguration().region().id());
        this.horizon = DeliveryHorizon.fromEnvironment(env);
        this.deliveries = new Deliveries(dynamoDb, env.required("TABLE_NAME"), horizon.horizon());
        this.clock = clock;
    }

    /**
     * Records every acceptable notification of the event; logs and drops the rest.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the table fails: Lambda retries
     */
    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        List<SNSEvent.SNSRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SNSEvent.SNSRecord record : records) {
            SNSEvent.SNS sns = record == null || record.getSNS() == null ? new SNSEvent.SNS() : record.getSNS();
            try {
                Alert alert = normalize(sns);
                Instant now = clock.instant();
                horizon.tooOld(alert.occurredAt(), now).ifPresent(why -> {
                    throw new RejectedNotificationException("event_too_old", why);
                });
                String messageId = sns.getMessageId() == null || sns.getMessageId().isBlank() ? null : sns.getMessageId();
                if (deliveries.once("sns", messageId, now, () -> record(alert, sns, now, requestId)).isEmpty()) {
                    JsonLog.info("topic alert not recorded", "requestId", requestId, "reason", "redelivery",
                            "topic", sns.getTopicArn(), "messageId", messageId);
                }
            } catch (RejectedNotificationException rejected) {
                JsonLog.warn("topic alert rejected", "requestId", requestId, "error", rejected.code(),
                        "errorMessage", rejected.getMessage(), "topic", sns.getTopicArn(),
                        "messageId", sns.getMessageId());
            }
        }
        return null;
    }

    private IncidentRepository.RecordResult record(Alert alert, SNSEvent.SNS sns, Instant now, String requestId) {
        IncidentRepository.RecordResult result = incidents.recordAlert(alert, now);
        JsonLog.info(result.recorded() ? "topic alert recorded" : "topic alert not recorded", "requestId", requestId,
                "incidentId", result.incident().incidentId(), "source", alert.source(),
                "severity", alert.severity().value(), "outcome", result.outcome().name(),
                "deduplicated", result.deduplicated(), "occurrences", result.incident().occurrences(),
                "topic", sns.getTopicArn(), "messageId", sns.getMessageId());
        return result;
    }

    /**
     * @return the alert one notification carries
     * @throws RejectedNotificationException when it must be dropped; its code says why
     */
    Alert normalize(SNSEvent.SNS sns) {
        String topic = sns.getTopicArn();
        if (topic == null || !topicArns.contains(topic)) {
            throw new RejectedNotificationException("unknown_topic", "Notifications from topic " + topic + " are not"
                    + " accepted (ALERT_TOPIC_ARNS: " + String.join(",", topicArns) + "). Subscribe the topic with"
                    + " TopicAlertIngest.subscribe(topic), which adds it to ALERT_TOPIC_ARNS.");
        }
        String message = sns.getMessage() == null ? "" : sns.getMessage().strip();
        if (message.isEmpty()) {
            throw new RejectedNotificationException("empty_message", "The notification has no message.");
        }
        int bytes = message.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new RejectedNotificationException("message_too_large", "The message is " + bytes + " bytes; the"
                    + " limit is " + MAX_MESSAGE_BYTES + " bytes, far above any AWS Budgets or Cost Anomaly Detection"
                    + " notification.");
        }
        if (budgets.recognises(message)) {
            return budgets.normalize(message, published(sns));
        }
        if (anomalies.recognises(message)) {
            return anomalies.normalize(message, published(sns));
        }
        throw new RejectedNotificationException("unrecognised_message", "The message is neither an AWS Budgets"
                + " notification (starting 'AWS Budget Notification') nor a Cost Anomaly Detection one (a JSON object"
                + " with an anomalyId); publish only those to the topic.");
    }

    /** @return when SNS published the notification, or now when the event does not say */
    private Instant published(SNSEvent.SNS sns) {
        return sns.getTimestamp() == null ? clock.instant() : Instant.ofEpochMilli(sns.getTimestamp().getMillis());
    }
}
