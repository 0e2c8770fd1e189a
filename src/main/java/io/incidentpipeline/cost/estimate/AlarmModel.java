package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code AWS::CloudWatch::Alarm}: per metric the alarm reads (one, or each metric of a metric-math
 * alarm), at the high-resolution price when its period is under a minute.
 */
final class AlarmModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource alarm, EstimateContext ctx) {
        int metrics = 0;
        double period = alarm.number("Period").orElse(60);
        for (JsonNode query : alarm.property("Metrics")) {
            if (query.has("MetricStat")) {
                metrics++;
                period = Math.min(period, query.path("MetricStat").path("Period").asDouble(60));
            }
        }
        metrics = Math.max(1, metrics);
        boolean highResolution = period < 60;
        double idle = metrics * ctx.price(highResolution ? Price.ALARM_HIGH_RESOLUTION : Price.ALARM_STANDARD);
        return ModelCost.priced(idle, 0, (highResolution ? "high-resolution" : "standard") + " alarm on " + metrics
                + " metric(s)");
    }
}
