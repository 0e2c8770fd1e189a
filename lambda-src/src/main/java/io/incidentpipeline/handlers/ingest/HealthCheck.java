package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * What {@code GET /health} answers, and so whether Route 53 sends alerts to this region: can it
 * read its table, write its table, and reach its bus? Each check is a real call under a short
 * timeout: a {@code GetItem} and a {@code PutItem} of the region's probe item (its sort key is
 * not {@code INCIDENT}, so the publisher's filter ignores it), and a {@code DescribeEventBus}. The
 * checks run in that order and stop at the first failure, so an unhealthy answer comes quickly.
 *
 * <p>The verdict is kept for {@link #CACHE_FOR}: Route 53 probes from several checkers every few
 * seconds, and a probe should cost at most one table write per container and 10 s, not one each.
 */
public final class HealthCheck {
    /** How long a verdict is reused. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(10);
    /** Check names, as reported in {@code checks} and {@code failedCheck}. */
    public static final String TABLE_READ = "table-read";
    public static final String TABLE_WRITE = "table-write";
    public static final String BUS = "bus";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final Supplier<EventBridgeClient> eventBridge;
    private final String busName;
    private final Duration timeout;
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
     * @param eventBridge the bus's client, created on the first check (not on the alert path's cold start)
     * @param busName     the incident bus, or null to skip the bus check
     * @param timeout     how long each call may take, retries included
     * @param clock       for the cache and the probe's timestamp
     */
    public HealthCheck(DynamoDbClient dynamoDb, String tableName, String region, Supplier<EventBridgeClient> eventBridge,
            String busName, Duration timeout, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
        this.eventBridge = eventBridge;
        this.busName = busName;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** @return the current verdict: the cached one if younger than {@link #CACHE_FOR} */
    public Verdict check() {
        Instant now = clock.instant();
        Verdict verdict = last;
        if (verdict == null || !now.isBefore(verdict.checkedAt().plus(CACHE_FOR))) {
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
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))));
        probes.put(TABLE_WRITE, () -> {
            Map<String, AttributeValue> item = new HashMap<>(ItemKeys.healthProbe(region));
            item.put("checkedAt", AttributeValue.fromS(Timestamps.format(now)));
            item.put("writtenRegion", AttributeValue.fromS(region));
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).overrideConfiguration(o -> o.apiCallTimeout(timeout)));
        });
        if (busName != null) {
            probes.put(BUS, () -> eventBridge.get().describeEventBus(b -> b
                    .name(busName)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))));
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
        return new Verdict(now, Map.copyOf(checks), failed);
    }
}
