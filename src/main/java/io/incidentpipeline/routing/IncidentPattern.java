package io.incidentpipeline.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.services.events.EventPattern;

/**
 * A typed EventBridge pattern over incident events, so routes are data rather than hand-written
 * JSON: {@code IncidentPattern.builder().detailTypes(OPENED).severities(CRITICAL, HIGH).build()}.
 * Fields left out match every value; values within a field are alternatives.
 */
public final class IncidentPattern {
    private final List<IncidentEvents.DetailType> detailTypes;
    private final List<IncidentEvents.Severity> severities;
    private final List<String> services;

    private IncidentPattern(Builder b) {
        this.detailTypes = List.copyOf(b.detailTypes);
        this.severities = List.copyOf(b.severities);
        this.services = List.copyOf(b.services);
    }

    /** @return a builder matching every incident event */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the EventBridge pattern: always {@code source = incident-pipeline}, plus each field set */
    public EventPattern toEventPattern() {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (!severities.isEmpty()) {
            detail.put("severity", severities.stream().map(IncidentEvents.Severity::getValue).collect(Collectors.toList()));
        }
        if (!services.isEmpty()) {
            detail.put("service", services);
        }
        EventPattern.Builder pattern = EventPattern.builder().source(List.of(IncidentEvents.SOURCE));
        if (!detailTypes.isEmpty()) {
            pattern.detailType(detailTypes.stream().map(IncidentEvents.DetailType::getValue).collect(Collectors.toList()));
        }
        if (!detail.isEmpty()) {
            pattern.detail(detail);
        }
        return pattern.build();
    }

    /** Builder for {@link IncidentPattern}. */
    public static final class Builder {
        private final List<IncidentEvents.DetailType> detailTypes = new ArrayList<>();
        private final List<IncidentEvents.Severity> severities = new ArrayList<>();
        private final List<String> services = new ArrayList<>();

        private Builder() {
        }

        /** Matches these lifecycle events. @default every lifecycle event */
        public Builder detailTypes(IncidentEvents.DetailType... types) {
            detailTypes.addAll(List.of(types));
            return this;
        }

        /** Matches these severities. @default every severity */
        public Builder severities(IncidentEvents.Severity... values) {
            severities.addAll(List.of(values));
            return this;
        }

        /** Matches incidents of these services (the {@code service} field). @default every service */
        public Builder services(String... values) {
            for (String service : values) {
                if (service == null || service.isBlank()) {
                    throw new IllegalArgumentException("IncidentPattern.services: a service name must not be blank");
                }
                services.add(service);
            }
            return this;
        }

        public IncidentPattern build() {
            return new IncidentPattern(this);
        }
    }
}
