package io.incidentpipeline.cost.estimate;

/**
 * Every traffic assumption the estimator uses, by its key in {@code traffic-model.json}, with the
 * range a value must be in. Values live in the file, each with the reason for it; only the keys
 * and their ranges live here.
 */
public enum Assumption {
    /** Share of alerts that open a new incident; the rest are duplicates of an open incident. */
    NEW_INCIDENT_SHARE("newIncidentShare", Kind.SHARE),
    /**
     * Share of alerts routed to a playbook and to the notification topic: the default rule sends newly opened
     * critical and high incidents only.
     */
    ROUTED_SHARE("routedShare", Kind.SHARE),
    /** Publisher invocations per alert. */
    PUBLISHER_INVOCATIONS_PER_ALERT("publisherInvocationsPerAlert", Kind.NON_NEGATIVE),
    /**
     * Average warm duration of the ingest handler (HMAC check, parse, one conditional UpdateItem): a cautious
     * estimate; BENCHMARKS.md ("Warm path", "Memory") puts a warm request at 7-10 ms at 256-512 MB. Cold starts
     * (init, billed since 2025-08-01) are not modeled.
     */
    INGEST_WARM_DURATION_MS("ingestWarmDurationMs", Kind.POSITIVE),
    /**
     * Average warm duration of the health function (an estimate): most probes get the verdict it keeps for
     * healthCacheSeconds; one in a period makes three 1-second-bounded calls (table read, table write,
     * DescribeEventBus).
     */
    HEALTH_WARM_DURATION_MS("healthWarmDurationMs", Kind.POSITIVE),
    /**
     * Average warm duration of the stream publisher (a timeline write and one PutEvents): a cautious estimate, not
     * yet measured in Lambda.
     */
    PUBLISHER_WARM_DURATION_MS("publisherWarmDurationMs", Kind.POSITIVE),
    /**
     * Average warm duration of a playbook run (the example playbook writes its run record): a cautious estimate, not
     * yet measured in Lambda.
     */
    PLAYBOOK_WARM_DURATION_MS("playbookWarmDurationMs", Kind.POSITIVE),
    /**
     * Average warm duration of a sweep of due work (multi-region stages only): one Query of the keys-only byDue
     * index that finds nothing in normal operation, no log line.
     */
    SWEEPER_WARM_DURATION_MS("sweeperWarmDurationMs", Kind.POSITIVE),
    /**
     * Bytes of Lambda's own JSON platform lines per invocation (platform.start and platform.report with its
     * metrics).
     */
    LAMBDA_PLATFORM_LOG_BYTES_PER_INVOCATION("lambdaPlatformLogBytesPerInvocation", Kind.NON_NEGATIVE),
    /** Bytes the handler itself logs per invocation: one JSON line with the incident id and outcome. */
    LAMBDA_APPLICATION_LOG_BYTES_PER_INVOCATION("lambdaApplicationLogBytesPerInvocation", Kind.NON_NEGATIVE),
    /** Bytes of one JSON access-log line of the REST API stage (ten context fields). */
    API_ACCESS_LOG_BYTES_PER_REQUEST("apiAccessLogBytesPerRequest", Kind.NON_NEGATIVE),
    /** Share of requests traced by the default X-Ray sampling rule at sustained volume (5% beyond the reservoir). */
    XRAY_SAMPLED_SHARE("xraySampledShare", Kind.SHARE),
    /**
     * Requests a second the default X-Ray rule traces in a region before sampling 5%. Health-check probes are a
     * steady stream, so they fill the reservoir first: nearly every probe is traced.
     */
    XRAY_RESERVOIR_PER_SECOND("xrayReservoirPerSecond", Kind.NON_NEGATIVE),
    /**
     * Stored size of an incident item (and of a playbook run record): a typical alert (a title, a short description,
     * a few labels) stays under 1 KB, so each write is one write request unit per replica, and storage grows by this
     * much per new item.
     */
    ITEM_BYTES("itemBytes", Kind.POSITIVE),
    /**
     * Share of alerts that carry a delivery id (PagerDuty event.id, EventBridge id, SNS MessageId, Datadog $ID, the
     * generic X-Incident-Delivery-Id): each is claimed once with a conditional PutItem of a ~100-byte item, 1 write
     * unit per replica (measured, benchmarks/storm.sh), that TTL deletes after the delivery horizon (24 h), so its
     * storage is negligible.
     */
    DELIVERY_ID_SHARE("deliveryIdShare", Kind.SHARE),
    /** Months of table storage (and PITR) counted per million alerts. */
    ITEM_STORAGE_MONTHS("itemStorageMonths", Kind.NON_NEGATIVE),
    /** Table writes per playbook run: the example playbook records its run once. */
    PLAYBOOK_TABLE_WRITES_PER_RUN("playbookTableWritesPerRun", Kind.NON_NEGATIVE),
    /**
     * Timeline entries the publisher writes per incident: opened and resolved (acknowledged too when an operator
     * acknowledges).
     */
    TIMELINE_ENTRIES_PER_INCIDENT("timelineEntriesPerIncident", Kind.NON_NEGATIVE),
    /**
     * Size of a timeline entry: type, time, actor ARN, status, counts, region, at most a short note; well under one
     * write unit.
     */
    TIMELINE_ENTRY_BYTES("timelineEntryBytes", Kind.POSITIVE),
    /**
     * Size of one incident event on the bus (envelope and incident document), for archive size; well under the 64 KB
     * that bills as one event.
     */
    EVENT_BYTES("eventBytes", Kind.POSITIVE),
    /**
     * Storage with a retention is priced for that retention (a log group's RetentionInDays, an archive's
     * RetentionDays, / 30 for months).
     */
    NEVER_EXPIRING_MONTHS("neverExpiringMonths", Kind.NON_NEGATIVE),
    /** KMS requests per publish to a topic encrypted with a customer managed key. */
    KMS_REQUESTS_PER_SNS_PUBLISH("kmsRequestsPerSnsPublish", Kind.NON_NEGATIVE),
    /**
     * Health-checker regions that probe an endpoint when the health check does not list Regions (Route 53's default
     * set has 8).
     */
    HEALTH_CHECKER_REGIONS("healthCheckerRegions", Kind.POSITIVE),
    /** Health checkers probing from each region. */
    HEALTH_CHECKERS_PER_REGION("healthCheckersPerRegion", Kind.POSITIVE),
    /** Whether Route 53 bills the health checks at the AWS-endpoint rate. */
    HEALTH_CHECK_TARGETS_ARE_AWS_ENDPOINTS("healthCheckTargetsAreAwsEndpoints", Kind.FLAG),
    /**
     * The health function answers GET /health from a result it keeps 10 s (HEALTH_CACHE_SECONDS), so a probe costs
     * no table read: at most one eventually consistent read (0.5 RRU) per 10 s per warm container.
     */
    HEALTH_CACHE_SECONDS("healthCacheSeconds", Kind.POSITIVE);

    /** The range of a value. */
    public enum Kind {
        /** a share of alerts, 0 to 1 */
        SHARE,
        /** a number above 0 */
        POSITIVE,
        /** a number, 0 or more */
        NON_NEGATIVE,
        /** true or false */
        FLAG
    }

    private final String key;
    private final Kind kind;

    Assumption(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** @return the key in {@code traffic-model.json} */
    public String key() {
        return key;
    }

    /** @return the range a value must be in */
    public Kind kind() {
        return kind;
    }
}
