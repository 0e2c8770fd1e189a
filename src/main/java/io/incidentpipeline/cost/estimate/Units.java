package io.incidentpipeline.cost.estimate;

/**
 * The conventions every model computes with, in one place so that no two models disagree on what
 * a month or a gigabyte is.
 */
final class Units {
    /** Alerts in the per-million figure. */
    static final double MILLION = 1_000_000;
    /** A month is 30 days: 2,592,000 seconds (AWS bills some services on 730 hours; 30 days is 1.4% less). */
    static final double SECONDS_PER_MONTH = 30 * 24 * 3600;
    /** Hours in the 30-day month, for capacity billed by the hour. */
    static final double HOURS_PER_MONTH = 30 * 24;
    /** Days in the 30-day month, to turn a retention in days into months of storage. */
    static final double DAYS_PER_MONTH = 30;
    /** A billed GB is taken as 10^9 bytes, slightly more GB than 2^30 (conservative). */
    static final double BYTES_PER_GB = 1e9;
    /** Lambda bills memory in GB of 1,024 MB. */
    static final double MB_PER_GB = 1024;
    /** A write request unit covers up to 1 KB. */
    static final double BYTES_PER_WRITE_UNIT = 1024;
    /** A DynamoDB read unit reads up to 4 KB strongly consistent (twice that eventually consistent). */
    static final double BYTES_PER_READ_UNIT = 4096;
    /** A read capacity unit-hour serves 3,600 strongly consistent reads; a write capacity unit-hour 3,600 writes. */
    static final double REQUESTS_PER_CAPACITY_UNIT_HOUR = 3600;

    /** The conventions as the report states them. */
    static final String[] STATED = {
        "A month is 30 days (2,592,000 s, 720 h).",
        "1 GB = 10^9 bytes; log storage is priced uncompressed (CloudWatch bills compressed bytes).",
        "Free tiers (Lambda, SNS, SQS, X-Ray, DynamoDB storage, dashboards) are not deducted.",
        "When several stacks have an ingest function (one per region), alerts are split evenly between them;"
                + " a global table receives every alert's writes whichever region takes them.",
        "Cold starts (init duration) are not modeled: durations are warm averages.",
    };

    private Units() {
    }
}
