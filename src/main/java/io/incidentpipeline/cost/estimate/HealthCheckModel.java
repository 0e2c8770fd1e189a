package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code AWS::Route53::HealthCheck}: the check and its optional features every month, and, for an
 * HTTP(S) check, its probe traffic, which is idle cost too: every probe is an API request, an
 * ingest invocation and their log lines (priced along the same path as an alert), an X-Ray trace
 * while probes stay under the sampling reservoir, and at most one table read per cache period
 * because the ingest function answers {@code /health} from a cached result.
 *
 * <p>The check is assumed to probe this pipeline's {@code GET /health}.
 */
final class HealthCheckModel implements ResourceModel {
    private static final Set<String> HTTP_TYPES = Set.of("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH");
    private static final Set<String> WITHOUT_PROBES = Set.of("CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL");
    private static final double DEFAULT_INTERVAL_SECONDS = 30;
    /** An eventually consistent GetItem of an item under 4 KB. */
    private static final double READ_UNITS_PER_PROBE_READ = 0.5;

    @Override
    public ModelCost cost(TemplateResource check, EstimateContext ctx) {
        JsonNode config = check.property("HealthCheckConfig");
        String type = config.path("Type").asText("");
        if (WITHOUT_PROBES.contains(type)) {
            return ModelCost.priced(ctx.price(Price.HEALTH_CHECK_AWS), 0, type + " health check: no probes");
        }
        boolean awsEndpoint = ctx.flag(Assumption.HEALTH_CHECK_TARGETS_ARE_AWS_ENDPOINTS);
        double base = ctx.price(awsEndpoint ? Price.HEALTH_CHECK_AWS : Price.HEALTH_CHECK_OTHER);
        double perFeature = ctx.price(awsEndpoint ? Price.HEALTH_CHECK_FEATURE_AWS : Price.HEALTH_CHECK_FEATURE_OTHER);
        double interval = check.number("HealthCheckConfig", "RequestInterval").orElse(DEFAULT_INTERVAL_SECONDS);
        List<String> features = optionalFeatures(type, interval, check.isTrue("HealthCheckConfig", "MeasureLatency"));

        double idle = base + features.size() * perFeature;
        List<String> notes = new ArrayList<>();
        notes.add(type + " every " + Notes.n(interval) + " s: " + Notes.usd(base)
                + (awsEndpoint ? " (AWS endpoint)" : " (endpoint not confirmed as AWS)")
                + (features.isEmpty() ? "" : " + " + features.size() + " optional feature(s) (" + String.join(", ", features)
                        + ") × " + Notes.usd(perFeature)));

        int regions = config.path("Regions").size() > 0
                ? config.path("Regions").size() : (int) ctx.value(Assumption.HEALTH_CHECKER_REGIONS);
        double checkers = regions * ctx.value(Assumption.HEALTH_CHECKERS_PER_REGION);
        double probes = Units.SECONDS_PER_MONTH / interval * checkers;
        boolean hasApi = ctx.count("AWS::ApiGateway::RestApi") + ctx.count("AWS::ApiGatewayV2::Api") > 0;
        if (!HTTP_TYPES.contains(type) || !hasApi) {
            notes.add(HTTP_TYPES.contains(type) ? "no API in these templates: probe traffic not priced"
                    : "probes open connections only: no request charges");
            return ModelCost.priced(idle, 0, String.join("; ", notes));
        }
        double path = probes * ctx.perProbeUsd();
        double tracing = ctx.probePathTraced() ? tracesPerMonth(probes, ctx) * ctx.price(Price.XRAY_TRACES) / Units.MILLION : 0;
        boolean hasTable = ctx.count("AWS::DynamoDB::GlobalTable") + ctx.count("AWS::DynamoDB::Table") > 0;
        double reads = hasTable
                ? Math.min(probes, Units.SECONDS_PER_MONTH / ctx.value(Assumption.HEALTH_CACHE_SECONDS))
                        * READ_UNITS_PER_PROBE_READ * ctx.price(Price.DYNAMODB_READ_REQUEST_UNITS) / Units.MILLION
                : 0;
        idle += path + tracing + reads;
        notes.add(Notes.n(probes) + " probes a month (" + regions + " regions × " + Notes.n(checkers / regions)
                + " checkers), each an API request + ingest invocation + log lines: " + Notes.usd(path));
        if (tracing > 0) {
            notes.add("X-Ray traces (probes fill the sampling reservoir): " + Notes.usd(tracing));
        }
        if (hasTable) {
            notes.add("/health is cached, so at most one table read per " + Notes.n(ctx.value(Assumption.HEALTH_CACHE_SECONDS))
                    + " s: " + Notes.usd(reads));
        }
        return ModelCost.priced(idle, 0, String.join("; ", notes));
    }

    /** HTTPS, string matching, the 10-second interval and latency measurement each bill as an optional feature. */
    static List<String> optionalFeatures(String type, double intervalSeconds, boolean measureLatency) {
        List<String> features = new ArrayList<>();
        if (type.startsWith("HTTPS")) {
            features.add("HTTPS");
        }
        if (type.endsWith("_STR_MATCH")) {
            features.add("string matching");
        }
        if (intervalSeconds == 10) {
            features.add("fast interval");
        }
        if (measureLatency) {
            features.add("latency measurement");
        }
        return features;
    }

    /** Traces a month: the reservoir takes the first requests each second, the sampled share the rest. */
    private static double tracesPerMonth(double probes, EstimateContext ctx) {
        double perSecond = probes / Units.SECONDS_PER_MONTH;
        double reservoir = ctx.value(Assumption.XRAY_RESERVOIR_PER_SECOND);
        double traced = Math.min(perSecond, reservoir)
                + ctx.value(Assumption.XRAY_SAMPLED_SHARE) * Math.max(0, perSecond - reservoir);
        return traced * Units.SECONDS_PER_MONTH;
    }
}
