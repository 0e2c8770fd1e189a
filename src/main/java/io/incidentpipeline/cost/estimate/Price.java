package io.incidentpipeline.cost.estimate;

/**
 * Every price the estimator uses, by its key in {@code prices.json} and the unit the code assumes.
 * The loader checks the file's unit against {@link #unit()}, so a price restated in another unit
 * fails to load instead of being silently misread.
 */
public enum Price {
    API_REST_REQUESTS("apigateway.restApi.requests", "per million requests"),
    API_HTTP_REQUESTS("apigateway.httpApi.requests", "per million requests"),
    LAMBDA_REQUESTS("lambda.requests", "per million requests"),
    LAMBDA_GB_SECOND_ARM64("lambda.compute.arm64", "per GB-second"),
    LAMBDA_GB_SECOND_X86("lambda.compute.x86_64", "per GB-second"),
    DYNAMODB_WRITE_REQUEST_UNITS("dynamodb.onDemand.writeRequestUnits", "per million write request units"),
    DYNAMODB_READ_REQUEST_UNITS("dynamodb.onDemand.readRequestUnits", "per million read request units"),
    DYNAMODB_WCU_HOUR("dynamodb.provisioned.writeCapacityUnitHours", "per write capacity unit-hour"),
    DYNAMODB_RCU_HOUR("dynamodb.provisioned.readCapacityUnitHours", "per read capacity unit-hour"),
    DYNAMODB_STORAGE("dynamodb.storage", "per GB-month"),
    DYNAMODB_PITR("dynamodb.pitr", "per GB-month"),
    EVENTS_CUSTOM("eventbridge.customEvents", "per million events"),
    EVENTS_ARCHIVE_PROCESSED("eventbridge.archive.processed", "per GB"),
    EVENTS_ARCHIVE_STORAGE("eventbridge.archive.storage", "per GB-month"),
    SNS_PUBLISHES("sns.publishes", "per million requests"),
    SNS_EMAIL("sns.emailDeliveries", "per 100,000 notifications"),
    SQS_REQUESTS("sqs.requests", "per million requests"),
    LOGS_INGESTION("logs.ingestion", "per GB"),
    LOGS_STORAGE("logs.storage", "per GB-month"),
    ALARM_STANDARD("cloudwatch.alarm.standard", "per alarm metric-month"),
    ALARM_HIGH_RESOLUTION("cloudwatch.alarm.highResolution", "per alarm metric-month"),
    ALARM_COMPOSITE("cloudwatch.alarm.composite", "per alarm-month"),
    DASHBOARD("cloudwatch.dashboard", "per dashboard-month"),
    XRAY_TRACES("xray.tracesRecorded", "per million traces"),
    ROUTE53_HOSTED_ZONE("route53.hostedZone", "per hosted zone-month"),
    HEALTH_CHECK_AWS("route53.healthCheck.awsEndpoint", "per health check-month"),
    HEALTH_CHECK_OTHER("route53.healthCheck.otherEndpoint", "per health check-month"),
    HEALTH_CHECK_FEATURE_AWS("route53.healthCheck.optionalFeature.awsEndpoint", "per feature per health check-month"),
    HEALTH_CHECK_FEATURE_OTHER("route53.healthCheck.optionalFeature.otherEndpoint", "per feature per health check-month"),
    KMS_KEY("kms.customerManagedKey", "per key-month"),
    KMS_REQUESTS("kms.requests", "per 10,000 requests"),
    SECRET("secretsmanager.secret", "per secret-month"),
    SECRET_API_CALLS("secretsmanager.apiCalls", "per 10,000 API calls"),
    WAF_WEB_ACL("waf.webAcl", "per web ACL-month"),
    WAF_RULE("waf.rule", "per rule-month"),
    WAF_REQUESTS("waf.requests", "per million requests"),
    BUDGET("budgets.budget", "per budget-month"),
    ANOMALY_DETECTION("costExplorer.anomalyDetection", "per monitor-month"),
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
