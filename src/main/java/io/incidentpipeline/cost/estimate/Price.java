package io.incidentpipeline.cost.estimate;

/**
 * Every price the estimator uses, by its key in {@code prices.json} and the unit the code assumes.
 * The loader checks the file's unit against {@link #unit()}, so a price restated in another unit
 * fails to load instead of being silently misread.
 */
public enum Price {
    /** API Gateway REST API requests. */
    API_REST_REQUESTS("apigateway.restApi.requests", "per million requests"),
    /** API Gateway HTTP API requests. */
    API_HTTP_REQUESTS("apigateway.httpApi.requests", "per million requests"),
    /** Lambda invocations. */
    LAMBDA_REQUESTS("lambda.requests", "per million requests"),
    /** Lambda compute on arm64 (Graviton). */
    LAMBDA_GB_SECOND_ARM64("lambda.compute.arm64", "per GB-second"),
    /** Lambda compute on x86_64. */
    LAMBDA_GB_SECOND_X86("lambda.compute.x86_64", "per GB-second"),
    /** DynamoDB on-demand writes. */
    DYNAMODB_WRITE_REQUEST_UNITS("dynamodb.onDemand.writeRequestUnits", "per million write request units"),
    /** DynamoDB on-demand reads. */
    DYNAMODB_READ_REQUEST_UNITS("dynamodb.onDemand.readRequestUnits", "per million read request units"),
    /** DynamoDB provisioned write capacity. */
    DYNAMODB_WCU_HOUR("dynamodb.provisioned.writeCapacityUnitHours", "per write capacity unit-hour"),
    /** DynamoDB provisioned read capacity. */
    DYNAMODB_RCU_HOUR("dynamodb.provisioned.readCapacityUnitHours", "per read capacity unit-hour"),
    /** DynamoDB table storage. */
    DYNAMODB_STORAGE("dynamodb.storage", "per GB-month"),
    /** DynamoDB point-in-time recovery (continuous backups). */
    DYNAMODB_PITR("dynamodb.pitr", "per GB-month"),
    /** EventBridge custom events put on a bus. */
    EVENTS_CUSTOM("eventbridge.customEvents", "per million events"),
    /** Events written to an EventBridge archive. */
    EVENTS_ARCHIVE_PROCESSED("eventbridge.archive.processed", "per GB"),
    /** EventBridge archive storage. */
    EVENTS_ARCHIVE_STORAGE("eventbridge.archive.storage", "per GB-month"),
    /** SNS publish requests. */
    SNS_PUBLISHES("sns.publishes", "per million requests"),
    /** SNS e-mail deliveries. */
    SNS_EMAIL("sns.emailDeliveries", "per 100,000 notifications"),
    /** SQS requests. */
    SQS_REQUESTS("sqs.requests", "per million requests"),
    /** CloudWatch Logs ingestion. */
    LOGS_INGESTION("logs.ingestion", "per GB"),
    /** CloudWatch Logs storage. */
    LOGS_STORAGE("logs.storage", "per GB-month"),
    /** A CloudWatch alarm at standard resolution. */
    ALARM_STANDARD("cloudwatch.alarm.standard", "per alarm metric-month"),
    /** A CloudWatch alarm at high resolution (below 60 s). */
    ALARM_HIGH_RESOLUTION("cloudwatch.alarm.highResolution", "per alarm metric-month"),
    /** A CloudWatch composite alarm. */
    ALARM_COMPOSITE("cloudwatch.alarm.composite", "per alarm-month"),
    /** A CloudWatch dashboard. */
    DASHBOARD("cloudwatch.dashboard", "per dashboard-month"),
    /** X-Ray traces recorded. */
    XRAY_TRACES("xray.tracesRecorded", "per million traces"),
    /** A Route 53 hosted zone. */
    ROUTE53_HOSTED_ZONE("route53.hostedZone", "per hosted zone-month"),
    /** A Route 53 health check of an AWS endpoint. */
    HEALTH_CHECK_AWS("route53.healthCheck.awsEndpoint", "per health check-month"),
    /** A Route 53 health check of a non-AWS endpoint. */
    HEALTH_CHECK_OTHER("route53.healthCheck.otherEndpoint", "per health check-month"),
    /** An optional feature (HTTPS, string matching, fast interval, latency) of a health check of an AWS endpoint. */
    HEALTH_CHECK_FEATURE_AWS("route53.healthCheck.optionalFeature.awsEndpoint", "per feature per health check-month"),
    /** An optional feature of a health check of a non-AWS endpoint. */
    HEALTH_CHECK_FEATURE_OTHER("route53.healthCheck.optionalFeature.otherEndpoint", "per feature per health check-month"),
    /** A KMS customer-managed key. */
    KMS_KEY("kms.customerManagedKey", "per key-month"),
    /** KMS API requests. */
    KMS_REQUESTS("kms.requests", "per 10,000 requests"),
    /** A Secrets Manager secret (each replica counts as one). */
    SECRET("secretsmanager.secret", "per secret-month"),
    /** Secrets Manager API calls. */
    SECRET_API_CALLS("secretsmanager.apiCalls", "per 10,000 API calls"),
    /** A WAF web ACL. */
    WAF_WEB_ACL("waf.webAcl", "per web ACL-month"),
    /** A rule (or managed rule group) in a WAF web ACL. */
    WAF_RULE("waf.rule", "per rule-month"),
    /** Requests a WAF web ACL inspects. */
    WAF_REQUESTS("waf.requests", "per million requests"),
    /** An AWS Budgets budget (the first two of an account are free). */
    BUDGET("budgets.budget", "per budget-month"),
    /** A Cost Anomaly Detection monitor. */
    ANOMALY_DETECTION("costExplorer.anomalyDetection", "per monitor-month"),
    /** A public ACM certificate. */
    ACM_PUBLIC_CERTIFICATE("acm.publicCertificate", "per certificate-month");

    private final String key;
    private final String unit;

    Price(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** @return the key in {@code prices.json} */
    public String key() {
        return key;
    }

    /** @return the unit the price is quoted in, as the file must state it */
    public String unit() {
        return unit;
    }
}
