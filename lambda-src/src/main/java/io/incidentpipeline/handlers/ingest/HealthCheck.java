package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What {@code GET /health} answers: whether this region can reach its table, by a real
 * {@code GetItem} of the region's probe item (which need not exist) under a short timeout.
 *
 * <p>The result is kept for {@link #CACHE_FOR}: Route 53 probes from many locations every few
 * seconds, and each probe should not cost a table read.
 */
public final class HealthCheck {
    /** How long a result is reused. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(10);
    /** The name of the check that reads the table, reported as {@code failedCheck}. */
    public static final String TABLE_CHECK = "table";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final Duration timeout;
    private final Clock clock;
    private volatile Result last;

    private record Result(Instant checkedAt, Optional<String> failedCheck) {
    }

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param region    this region, whose probe item is read
     * @param timeout   how long the read may take, retries included
     * @param clock     for the cache
     */
    public HealthCheck(DynamoDbClient dynamoDb, String tableName, String region, Duration timeout, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** @return the name of the check that failed, or empty when healthy */
    public Optional<String> failedCheck() {
        Instant now = clock.instant();
        Result result = last;
        if (result == null || !now.isBefore(result.checkedAt().plus(CACHE_FOR))) {
            result = new Result(now, probeTable());
            last = result;
        }
        return result.failedCheck();
    }

    private Optional<String> probeTable() {
        try {
            dynamoDb.getItem(b -> b
                    .tableName(tableName)
                    .key(ItemKeys.healthProbe(region))
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout)));
            return Optional.empty();
        } catch (SdkException e) {
            JsonLog.warn("health check failed", "check", TABLE_CHECK, "exception", e.getClass().getName(),
                    "exceptionMessage", e.getMessage());
            return Optional.of(TABLE_CHECK);
        }
    }
}
