package io.incidentpipeline.handlers.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.MalformedJsonException;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Deliveries;
import io.incidentpipeline.handlers.store.IncidentRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The EventBridge adapter of the intake: CloudWatch alarms, GuardDuty and Security Hub findings
 * and AWS Health events from the default bus become incidents through the same dedup write as
 * webhook alerts, and their recoveries resolve them ({@link AwsEventSources}). No shared secret:
 * the rule's pattern and IAM do the trust, and the handler still accepts only the configured
 * sources ({@code AWS_EVENT_SOURCES}) from the configured accounts ({@code ALLOWED_ACCOUNTS}).
 *
 * <p>An event no retry can fix is logged and dropped ({@code event rejected} with an {@code error}
 * code); a batch's item that cannot be read is logged ({@code event item rejected}, with its index)
 * and the batch's other items are recorded. An alert that happened longer ago than the delivery
 * horizon is rejected ({@code event_too_old}). Each alert is claimed by the event's {@code id} (and
 * its place in the batch) first, so a redelivered event records nothing twice. A table failure
 * throws, so EventBridge's asynchronous invocation is retried and finally kept in the on-failure
 * queue. Events are read with the limits sized for AWS's own events ({@link Json.Limits#AWS_EVENT}).
 */
public final class EventBridgeAlertHandler implements RequestStreamHandler {
    private static final Map<String, AwsEventNormalizer> NORMALIZERS = AwsEventSources.all();

    private final Set<String> sources;
    private final Set<String> accounts;
    private final IncidentRepository incidents;
    private final Deliveries deliveries;
    private final DeliveryHorizon horizon;
    private final Clock clock;

    /** For Lambda: configured from the environment, with the client built once at init. */
    public EventBridgeAlertHandler() {
        this(new Environment(System.getenv()), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    /**
     * @param env      {@code TABLE_NAME}, {@code AWS_EVENT_SOURCES} (e.g. {@code aws.cloudwatch,aws.guardduty}),
     *                 {@code ALLOWED_ACCOUNTS} and {@code DELIVERY_HORIZON_SECONDS}
     * @param dynamoDb the client of the incident table; its region is this handler's region
     * @param clock    the server's time
     */
    public EventBridgeAlertHandler(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        this.sources = list(env.optional("AWS_EVENT_SOURCES", ""));
        this.accounts = list(env.required("ALLOWED_ACCOUNTS"));
        this.incidents = new IncidentRepository(dynamoDb, env.required("TABLE_NAME"),
                dynamoDb.serviceClientConfiguration().region().id());
        this.horizon = DeliveryHorizon.fromEnvironment(env);
        this.deliveries = new Deliveries(dynamoDb, env.required("TABLE_NAME"), horizon.horizon());
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Records what an EventBridge event carries, or rejects it with a log line and nothing written. */
    void handle(String eventJson) {
        try {
            Object parsed = Json.read(eventJson, Json.Limits.AWS_EVENT);
            if (!(parsed instanceof Map<?, ?> raw) || !(raw.get("detail") instanceof Map<?, ?>)) {
                throw new RejectedNotificationException("malformed_event", "The invocation is not an EventBridge"
                        + " event with a detail object.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) raw;
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = (Map<String, Object>) event.get("detail");
            String source = event.get("source") instanceof String s ? s : null;
            if (source == null || !sources.contains(source) || !NORMALIZERS.containsKey(source)) {
                throw new RejectedNotificationException("unknown_source", "Events of source " + source + " are not"
                        + " accepted; enabled: " + sources + ". Enable it with the awsSources context key.");
            }
            if (!(event.get("account") instanceof String account) || !accounts.contains(account)) {
                throw new RejectedNotificationException("unknown_account", "Events from account " + event.get("account")
                        + " are not accepted; allowed: " + accounts + ".");
            }
            String eventId = event.get("id") instanceof String id && !id.isBlank() ? id : null;
            AwsEventNormalizer.Batch batch = NORMALIZERS.get(source).normalize(detail, event, clock.instant());
            for (AwsEventNormalizer.Rejected item : batch.rejected()) {
                JsonLog.warn("event item rejected", "eventId", eventId, "source", source, "index", item.index(),
                        "error", item.code(), "errorMessage", item.error());
            }
            List<AwsEventNormalizer.Notification> notifications = batch.notifications();
            for (int index = 0; index < notifications.size(); index++) {
                // One event carries several findings: each is its own delivery.
                String deliveryId = eventId == null ? null : notifications.size() == 1 ? eventId : eventId + "#" + index;
                record(notifications.get(index), source, deliveryId);
            }
        } catch (RejectedNotificationException rejected) {
            JsonLog.warn("event rejected", "error", rejected.code(), "errorMessage", rejected.getMessage());
        } catch (MalformedJsonException e) {
            JsonLog.warn("event rejected", "error", "malformed_event", "errorMessage", e.getMessage());
        }
    }

    private void record(AwsEventNormalizer.Notification notification, String eventSource, String deliveryId) {
        Instant now = clock.instant();
        String source = notification.alert().source();
        Optional<String> tooOld = horizon.tooOld(notification.alert().occurredAt(), now);
        if (tooOld.isPresent()) {
            JsonLog.warn("event rejected", "error", "event_too_old", "errorMessage", tooOld.get(), "source", source,
                    "deliveryId", deliveryId);
            return;
        }
        if (deliveries.once(eventSource, deliveryId, now, () -> recordOnce(notification, now)).isEmpty()) {
            JsonLog.info("event alert not recorded", "reason", "redelivery", "source", source, "deliveryId", deliveryId);
        }
    }

    private boolean recordOnce(AwsEventNormalizer.Notification notification, Instant now) {
        String source = notification.alert().source();
        if (notification.recovery()) {
            IncidentRepository.ResolveResult result = incidents.resolve(notification.alert(), now);
            JsonLog.info("recovery received", "source", source,
                    "incidentId", result.incident().map(i -> i.incidentId()).orElse(null), "resolved", result.resolved(),
                    "reason", result.reason());
            return true;
        }
        IncidentRepository.RecordResult result = incidents.recordAlert(notification.alert(), now);
        if (!result.recorded()) {
            JsonLog.info("event alert not recorded", "reason", "late_alert", "source", source,
                    "incidentId", result.incident().incidentId(),
                    "occurredAt", Timestamps.format(notification.alert().occurredAt()));
            return true;
        }
        JsonLog.info("event alert recorded", "incidentId", result.incident().incidentId(), "source", source,
                "outcome", result.outcome().name(), "deduplicated", result.deduplicated());
        return true;
    }

    private static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
