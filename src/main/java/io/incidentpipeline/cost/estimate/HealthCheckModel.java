package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code AWS::Route53::HealthCheck}: the check and its optional features every month, and, for an
 * HTTP(S) check, its probe traffic, which is idle cost too. Every probe is an API request, an
 * ingest invocation and their log lines (priced along the same path as an alert). Probes are also
 * traced while they stay under the X-Ray sampling reservoir, and cause at most one table read per
 * cache period, because the health function answers {@code /health} from a cached result. The
 * reservoir and the cache are per region, so both are shared by all the checks, in proportion to
 * their probes.
 *
 * <p>The check is assumed to probe this pipeline's {@code GET /health}.
 */
final class HealthCheckModel implements ResourceModel {
    private static final Set<String> HTTP_TYPES = Set.of("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH");
    private static final Set<String> WITHOUT_PROBES = Set.of("CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL");
    private static final String TYPE = "AWS::Route53::HealthCheck";
    private static final double DEFAULT_INTERVAL_SECONDS = 30;
    /** An eventually consistent GetItem of an item under 4 KB. */
    private static final double READ_UNITS_PER_PROBE_READ = 0.5;

    @Override
    public ModelCost cost(TemplateResource check, EstimateContext ctx) {
        String type = check.property("HealthCheckConfig", "Type").asText("");
        if (WITHOUT_PROBES.contains(type)) {
            return ModelCost.priced(ctx.price(Price.HEALTH_CHECK_AWS), 0, type + " health check: no probes");
        }
        boolean awsEndpoint = ctx.flag(Assumption.HEALTH_CHECK_TARGETS_ARE_AWS_ENDPOINTS);
        double base = ctx.price(awsEndpoint ? Price.HEALTH_CHECK_AWS : Price.HEALTH_CHECK_OTHER);
        double perFeature = ctx.price(awsEndpoint ? Price.HEALTH_CHECK_FEATURE_AWS : Price.HEALTH_CHECK_FEATURE_OTHER);
        double interval = interval(check);
        List<String> features = optionalFeatures(type, interval, check.isTrue("HealthCheckConfig", "MeasureLatency"));

        double idle = base + features.size() * perFeature;
        List<String> notes = new ArrayList<>();
        notes.add(type + " every " + Notes.n(interval) + " s: " + Notes.usd(base)
                + (awsEndpoint ? " (AWS endpoint)" : " (endpoint not confirmed as AWS)")
                + (features.isEmpty() ? "" : " + " + features.size() + " optional feature(s) (" + String.join(", ", features)
                        + ") × " + Notes.usd(perFeature)));

        long apiRegions = ctx.apis();
        if (!HTTP_TYPES.contains(type) || apiRegions == 0) {
            notes.add(HTTP_TYPES.contains(type) ? "no API in these templates: probe traffic not priced"
                    : "probes open connections only: no request charges");
            return ModelCost.priced(idle, 0, String.join("; ", notes));
        }
        double probes = probesPerMonth(check, ctx);
        double allProbes = ctx.resources().stream().filter(r -> r.type().equals(TYPE))
                .mapToDouble(r -> probesPerMonth(r, ctx)).sum();
        double share = probes / allProbes;

        double path = probes * ctx.perProbeUsd();
        double tracing = ctx.probePathTraced()
                ? share * tracesPerMonth(allProbes, apiRegions, ctx) * ctx.price(Price.XRAY_TRACES) / Units.MILLION
                : 0;
        boolean hasTable = ctx.hasTable();
        double cachedReads = Math.min(allProbes, apiRegions * Units.SECONDS_PER_MONTH / ctx.value(Assumption.HEALTH_CACHE_SECONDS));
        double reads = hasTable
                ? share * cachedReads * READ_UNITS_PER_PROBE_READ * ctx.price(Price.DYNAMODB_READ_REQUEST_UNITS) / Units.MILLION
                : 0;
        idle += path + tracing + reads;

        int regions = checkerRegions(check, ctx);
        notes.add(Notes.n(probes) + " probes a month (" + regions + " regions × "
                + Notes.n(ctx.value(Assumption.HEALTH_CHECKERS_PER_REGION)) + " checkers), each an API request"
                + " + ingest invocation + log lines: " + Notes.usd(path));
        if (tracing > 0) {
            notes.add("X-Ray, probes filling the sampling reservoir: " + Notes.usd(tracing));
        }
        if (hasTable) {
            notes.add("/health is cached, so at most one table read per "
                    + Notes.n(ctx.value(Assumption.HEALTH_CACHE_SECONDS)) + " s: " + Notes.usd(reads));
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

    private static double interval(TemplateResource check) {
        return check.number("HealthCheckConfig", "RequestInterval").orElse(DEFAULT_INTERVAL_SECONDS);
    }

    private static int checkerRegions(TemplateResource check, EstimateContext ctx) {
        JsonNode regions = check.property("HealthCheckConfig", "Regions");
        return regions.size() > 0 ? regions.size() : (int) ctx.value(Assumption.HEALTH_CHECKER_REGIONS);
    }

    /** @return HTTP requests a month the check sends to the API (0 for a check that sends none) */
    private static double probesPerMonth(TemplateResource check, EstimateContext ctx) {
        if (!HTTP_TYPES.contains(check.property("HealthCheckConfig", "Type").asText(""))) {
            return 0;
        }
        double checkers = checkerRegions(check, ctx) * ctx.value(Assumption.HEALTH_CHECKERS_PER_REGION);
        return Units.SECONDS_PER_MONTH / interval(check) * checkers;
    }

    /** Traces a month in {@code regions} regions: each region's reservoir takes the first requests each second, the sampled share the rest. */
    private static double tracesPerMonth(double probes, long regions, EstimateContext ctx) {
        double perSecond = probes / Units.SECONDS_PER_MONTH / regions;
        double reservoir = ctx.value(Assumption.XRAY_RESERVOIR_PER_SECOND);
        double traced = Math.min(perSecond, reservoir)
                + ctx.value(Assumption.XRAY_SAMPLED_SHARE) * Math.max(0, perSecond - reservoir);
        return traced * Units.SECONDS_PER_MONTH * regions;
    }
}
