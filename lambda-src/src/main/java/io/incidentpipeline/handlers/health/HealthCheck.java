package io.incidentpipeline.handlers.health;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What {@code GET /health} answers, and so whether Route 53 sends alerts to this region: can it
 * read its table, write its table, and reach its bus? Each check is a real call: a {@code GetItem}
 * and a {@code PutItem} of the region's probe item (its sort key is not {@code INCIDENT}, so the
 * publisher's filter ignores it), and a {@code DescribeEventBus}. The checks run in that order and
 * stop at the first failure.
 *
 * <p>Each call is one attempt under a short timeout, set per request on the shared clients: a
 * region whose table needs retries to answer is not one to fail over to, and a checker that waits
 * for the SDK's retries (seconds, with backoff) would time out before reading the answer.
 */
public final class HealthCheck {
    /** Default of {@code HEALTH_CACHE_SECONDS}. */
    public static final int DEFAULT_CACHE_SECONDS = 10;
    /** Check names, as reported in {@code checks} and {@code failedCheck}. */
    public static final String TABLE_READ = "table-read";
    public static final String TABLE_WRITE = "table-write";
    public static final String BUS = "bus";

    // One attempt only; the clients' own retry strategy stays as it is for every other call.
    private static final SdkPlugin NO_RETRIES =
            config -> config.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final Supplier<EventBridgeClient> eventBridge;
    private final String busName;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> oneQuickAttempt;
    private final Duration cacheFor;
    private final Clock clock;
    private volatile Verdict last;

    /**
     * What the checks found.
     *
     * @param checkedAt   when the checks ran
     * @param checks      each check's outcome in order: {@code ok}, {@code failed}, {@code not-run}
     *                    (after a failure) or {@code skipped} (no bus configured)
     * @param failedCheck the first check that failed, if any
     */
    public record Verdict(Instant checkedAt, Map<String, String> checks, Optional<String> failedCheck) {
    }

    /**
     * @param dynamoDb    the client of the incident table
     * @param tableName   the incident table
     * @param region      this region, whose probe item is read and written
     * @param eventBridge the bus's client ({@code AwsClients::eventBridge}), asked for when priming or checking
     * @param busName     the incident bus, or null (or blank) to skip the bus check
     * @param timeout     how long each call may take
     * @param cacheFor    how long a verdict is reused ({@code HEALTH_CACHE_SECONDS})
     * @param clock       for the cache and the probe's timestamp
     */
    public HealthCheck(DynamoDbClient dynamoDb, String tableName, String region, Supplier<EventBridgeClient> eventBridge,
            String busName, Duration timeout, Duration cacheFor, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
        this.eventBridge = eventBridge;
        this.busName = busName == null || busName.isBlank() ? null : busName.trim();
        this.oneQuickAttempt = o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout).addPlugin(NO_RETRIES);
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** Builds the bus client, if there is a bus to check, without calling it (SnapStart priming). */
    public void prime() {
        if (busName != null) {
            eventBridge.get();
        }
    }

    /** @return the current verdict: the last one while it is younger than the cache duration */
    public Verdict check() {
        // Route 53 has several checkers in each checker region, each probing every 30 s, so a warm
        // container answers a probe every few seconds. Reusing the verdict bounds what probing costs
        // to one read and one write (replicated to every region of the global table) per container
        // per cache period, however many checkers there are, and a failure still shows within a
        // probe interval.
        Instant now = clock.instant();
        Verdict verdict = last;
        if (verdict == null || !now.isBefore(verdict.checkedAt().plus(cacheFor))) {
            verdict = runChecks(now);
            last = verdict;
        }
        return verdict;
    }

    private Verdict runChecks(Instant now) {
        Map<String, Runnable> probes = new LinkedHashMap<>();
        probes.put(TABLE_READ, () -> dynamoDb.getItem(b -> b
                .tableName(tableName)
                .key(ItemKeys.healthProbe(region))
                .overrideConfiguration(oneQuickAttempt)));
        probes.put(TABLE_WRITE, () -> {
            Map<String, AttributeValue> item = new HashMap<>(ItemKeys.healthProbe(region));
            item.put("checkedAt", AttributeValue.fromS(Timestamps.format(now)));
            item.put("writtenRegion", AttributeValue.fromS(region));
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).overrideConfiguration(oneQuickAttempt));
        });
        if (busName != null) {
            probes.put(BUS, () -> eventBridge.get().describeEventBus(b -> b
                    .name(busName)
                    .overrideConfiguration(oneQuickAttempt)));
        }
        Map<String, String> checks = new LinkedHashMap<>();
        Optional<String> failed = Optional.empty();
        for (Map.Entry<String, Runnable> probe : probes.entrySet()) {
            if (failed.isPresent()) {
                checks.put(probe.getKey(), "not-run");
                continue;
            }
            try {
                probe.getValue().run();
                checks.put(probe.getKey(), "ok");
            } catch (SdkException e) {
                JsonLog.warn("health check failed", "check", probe.getKey(), "exception", e.getClass().getName(),
                        "exceptionMessage", e.getMessage());
                checks.put(probe.getKey(), "failed");
                failed = Optional.of(probe.getKey());
            }
        }
        if (busName == null) {
            checks.put(BUS, "skipped");
        }
        return new Verdict(now, Collections.unmodifiableMap(checks), failed);
    }
}
