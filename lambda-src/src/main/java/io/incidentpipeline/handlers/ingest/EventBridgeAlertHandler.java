package io.incidentpipeline.handlers.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.MalformedJsonException;
import io.incidentpipeline.handlers.store.IncidentRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
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
 * <p>An event no retry can fix is logged and dropped; a table failure throws, so EventBridge's
 * asynchronous invocation is retried and finally kept in the on-failure queue.
 */
public final class EventBridgeAlertHandler implements RequestStreamHandler {
    private static final Map<String, AwsEventNormalizer> NORMALIZERS = AwsEventSources.all();

    private final Set<String> sources;
    private final Set<String> accounts;
    private final IncidentRepository incidents;
    private final Clock clock;

    /** For Lambda: configured from the environment, with the client built once at init. */
    public EventBridgeAlertHandler() {
        this(new Environment(System.getenv()), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    /**
     * @param env      {@code TABLE_NAME}, {@code AWS_EVENT_SOURCES} (e.g. {@code aws.cloudwatch,aws.guardduty})
     *                 and {@code ALLOWED_ACCOUNTS}
     * @param dynamoDb the client of the incident table; its region is this handler's region
     * @param clock    the server's time
     */
    public EventBridgeAlertHandler(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        this.sources = list(env.optional("AWS_EVENT_SOURCES", ""));
        this.accounts = list(env.required("ALLOWED_ACCOUNTS"));
        this.incidents = new IncidentRepository(dynamoDb, env.required("TABLE_NAME"),
                dynamoDb.serviceClientConfiguration().region().id());
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Records what an EventBridge event carries, or rejects it with a log line and nothing written. */
    void handle(String eventJson) {
        try {
            Object parsed = Json.read(eventJson);
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
            for (AwsEventNormalizer.Notification notification : NORMALIZERS.get(source).normalize(detail, event)) {
                record(notification);
            }
        } catch (RejectedNotificationException rejected) {
            JsonLog.warn("event rejected", "error", rejected.code(), "errorMessage", rejected.getMessage());
        } catch (MalformedJsonException e) {
            JsonLog.warn("event rejected", "error", "malformed_event", "errorMessage", e.getMessage());
        }
    }

    private void record(AwsEventNormalizer.Notification notification) {
        if (notification.recovery()) {
            var resolved = incidents.resolve(notification.alert(), clock.instant());
            JsonLog.info("recovery received", "source", notification.alert().source(),
                    "incidentId", resolved.map(i -> i.incidentId()).orElse(null), "resolved", resolved.isPresent());
            return;
        }
        IncidentRepository.RecordResult result = incidents.recordAlert(notification.alert(), clock.instant());
        JsonLog.info("event alert recorded", "incidentId", result.incident().incidentId(),
                "source", notification.alert().source(), "deduplicated", result.deduplicated());
    }

    private static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
