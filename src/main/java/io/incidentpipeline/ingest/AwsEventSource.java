package io.incidentpipeline.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** AWS services whose events on the default bus can become incidents ({@link AwsEventIngest}). */
public enum AwsEventSource {
    /** CloudWatch alarms changing state: ALARM opens, OK resolves. */
    CLOUDWATCH("cloudwatch", "aws.cloudwatch", "CloudWatch Alarm State Change"),
    /** GuardDuty findings, rated by their score. */
    GUARDDUTY("guardduty", "aws.guardduty", "GuardDuty Finding"),
    /** Security Hub findings, one incident each, resolved when their workflow is. */
    SECURITYHUB("securityhub", "aws.securityhub", "Security Hub Findings - Imported"),
    /** AWS Health events for the account: open until closed. */
    HEALTH("health", "aws.health", "AWS Health Event");

    private final String id;
    private final String eventSource;
    private final String detailType;

    AwsEventSource(String id, String eventSource, String detailType) {
        this.id = id;
        this.eventSource = eventSource;
        this.detailType = detailType;
    }

    /** @return the id used in the {@code awsSources} context key, e.g. {@code guardduty} */
    public String getId() {
        return id;
    }

    /** @return the events' {@code source}, e.g. {@code aws.guardduty} */
    public String getEventSource() {
        return eventSource;
    }

    /** @return the events' {@code detail-type} */
    public String getDetailType() {
        return detailType;
    }

    /**
     * @param id the source's id, as in the {@code awsSources} context key
     * @return the source with this id, if there is one
     */
    public static Optional<AwsEventSource> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** @return the supported ids, comma-separated, for error messages */
    public static String supportedIds() {
        return Arrays.stream(values()).map(AwsEventSource::getId).collect(Collectors.joining(", "));
    }

    /** @return the events' sources of {@code sources}, comma-separated, as the handler reads them */
    static String eventSources(List<AwsEventSource> sources) {
        return sources.stream().map(AwsEventSource::getEventSource).collect(Collectors.joining(","));
    }
}
