package io.incidentpipeline.ingest;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The alert sources the ingest handler understands. The id is the {@code {source}} path segment of
 * {@code POST /alerts/{source}} and the value used in the {@code alertSources} context key.
 */
public enum AlertSource {
    /** Any JSON sender that signs its body with HMAC-SHA256 (see docs/CONTRACTS.md). */
    GENERIC("generic"),
    /** Datadog monitor webhooks, with the README's payload template and a token header. */
    DATADOG("datadog"),
    /** PagerDuty v3 webhook subscriptions, signed with the subscription's secret. */
    PAGERDUTY("pagerduty"),
    /** New Relic workflow webhooks, with the README's payload template and a token header. */
    NEWRELIC("newrelic"),
    /** Opsgenie outgoing webhooks, with a token header. */
    OPSGENIE("opsgenie");

    private final String id;

    AlertSource(String id) {
        this.id = id;
    }

    /** @return the id used in URLs and configuration, e.g. {@code generic} */
    public String getId() {
        return id;
    }

    /**
     * @param id the source's id, as in {@code POST /alerts/{source}}
     * @return the source with this id, if there is one
     */
    public static Optional<AlertSource> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** @return the supported ids, comma-separated, for error messages */
    public static String supportedIds() {
        return Arrays.stream(values()).map(AlertSource::getId).collect(Collectors.joining(", "));
    }
}
