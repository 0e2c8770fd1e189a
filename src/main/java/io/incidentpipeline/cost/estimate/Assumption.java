package io.incidentpipeline.cost.estimate;

/**
 * Every traffic assumption the estimator uses, by its key in {@code traffic-model.json}, with the
 * range a value must be in. Values live in the file, each with the reason for it; only the keys
 * and their ranges live here.
 */
public enum Assumption {
    NEW_INCIDENT_SHARE("newIncidentShare", Kind.SHARE),
    ROUTED_SHARE("routedShare", Kind.SHARE),
    PUBLISHER_INVOCATIONS_PER_ALERT("publisherInvocationsPerAlert", Kind.NON_NEGATIVE),
    INGEST_WARM_DURATION_MS("ingestWarmDurationMs", Kind.POSITIVE),
    HEALTH_WARM_DURATION_MS("healthWarmDurationMs", Kind.POSITIVE),
    PUBLISHER_WARM_DURATION_MS("publisherWarmDurationMs", Kind.POSITIVE),
    PLAYBOOK_WARM_DURATION_MS("playbookWarmDurationMs", Kind.POSITIVE),
    SWEEPER_WARM_DURATION_MS("sweeperWarmDurationMs", Kind.POSITIVE),
    LAMBDA_PLATFORM_LOG_BYTES_PER_INVOCATION("lambdaPlatformLogBytesPerInvocation", Kind.NON_NEGATIVE),
    LAMBDA_APPLICATION_LOG_BYTES_PER_INVOCATION("lambdaApplicationLogBytesPerInvocation", Kind.NON_NEGATIVE),
    API_ACCESS_LOG_BYTES_PER_REQUEST("apiAccessLogBytesPerRequest", Kind.NON_NEGATIVE),
    XRAY_SAMPLED_SHARE("xraySampledShare", Kind.SHARE),
    XRAY_RESERVOIR_PER_SECOND("xrayReservoirPerSecond", Kind.NON_NEGATIVE),
    ITEM_BYTES("itemBytes", Kind.POSITIVE),
    DELIVERY_ID_SHARE("deliveryIdShare", Kind.SHARE),
    ITEM_STORAGE_MONTHS("itemStorageMonths", Kind.NON_NEGATIVE),
    PLAYBOOK_TABLE_WRITES_PER_RUN("playbookTableWritesPerRun", Kind.NON_NEGATIVE),
    TIMELINE_ENTRIES_PER_INCIDENT("timelineEntriesPerIncident", Kind.NON_NEGATIVE),
    TIMELINE_ENTRY_BYTES("timelineEntryBytes", Kind.POSITIVE),
    EVENT_BYTES("eventBytes", Kind.POSITIVE),
    NEVER_EXPIRING_MONTHS("neverExpiringMonths", Kind.NON_NEGATIVE),
    KMS_REQUESTS_PER_SNS_PUBLISH("kmsRequestsPerSnsPublish", Kind.NON_NEGATIVE),
    HEALTH_CHECKER_REGIONS("healthCheckerRegions", Kind.POSITIVE),
    HEALTH_CHECKERS_PER_REGION("healthCheckersPerRegion", Kind.POSITIVE),
    HEALTH_CHECK_TARGETS_ARE_AWS_ENDPOINTS("healthCheckTargetsAreAwsEndpoints", Kind.FLAG),
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
