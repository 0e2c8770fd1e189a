package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What the cost models need to know beyond the resource they price: prices, traffic assumptions,
 * and the facts that link resources (which function writes to which log group, which queues only
 * receive failures, which stacks take alerts). Built once per estimate, read-only for the models,
 * except for the per-probe cost the estimator sets between its two passes.
 */
final class EstimateContext {
    /** Property names under which CloudFormation names where failed deliveries go. */
    private static final Set<String> FAILURE_KEYS = Set.of("DeadLetterConfig", "OnFailure", "RedrivePolicy");

    private final PriceTable prices;
    private final TrafficModel model;
    private final List<TemplateResource> resources;
    private final Map<String, LambdaShape> lambdas = new HashMap<>();
    private final Map<String, List<LogSource>> logSources = new HashMap<>();
    private final Set<String> failureDestinations = new HashSet<>();
    private final Set<String> tracedApiStacks = new HashSet<>();
    private final long ingestStacks;
    private double perProbeUsd = Double.NaN;

    EstimateContext(PriceTable prices, TrafficModel model, List<StackTemplate> templates) {
        this.prices = prices;
        this.model = model;
        this.resources = templates.stream().flatMap(t -> t.resources().stream()).toList();
        for (TemplateResource r : resources) {
            if (r.type().equals("AWS::Lambda::Function")) {
                lambdas.put(key(r), LambdaShape.of(r));
            }
            if (r.type().equals("AWS::ApiGateway::Stage") && r.isTrue("TracingEnabled")) {
                tracedApiStacks.add(r.stack());
            }
            collectFailureDestinations(r.stack(), r.properties());
        }
        this.ingestStacks = resources.stream().filter(r -> role(r) == HandlerRole.INGEST)
                .map(TemplateResource::stack).distinct().count();
        for (TemplateResource r : resources) {
            collectLogSources(r);
        }
    }

    private static String key(TemplateResource r) {
        return key(r.stack(), r.logicalId());
    }

    private static String key(String stack, String logicalId) {
        return stack + "/" + logicalId;
    }

    private void collectFailureDestinations(String stack, JsonNode node) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (FAILURE_KEYS.contains(field.getKey())) {
                TemplateResource.targets(field.getValue()).forEach(id -> failureDestinations.add(key(stack, id)));
            }
            collectFailureDestinations(stack, field.getValue());
        }
        if (node.isArray()) {
            node.forEach(element -> collectFailureDestinations(stack, element));
        }
    }

    private void collectLogSources(TemplateResource r) {
        double alertShare = alertShare(r.stack());
        if (r.type().equals("AWS::Lambda::Function")) {
            LambdaShape fn = lambda(r);
            double bytes = logBytesPerInvocation(fn);
            // A function off the alert path (deploy-time) writes nothing per alert: not a writer here.
            if (fn.role() != HandlerRole.OTHER) {
                fn.logGroupId().ifPresent(group -> addLogSource(r.stack(), group, new LogSource(
                        r.logicalId() + " (" + fn.role().name().toLowerCase() + ") logs",
                        bytes * invocationsPerStageAlert(r), fn.role() == HandlerRole.HEALTH ? bytes : 0)));
            }
        }
        JsonNode destination = switch (r.type()) {
            case "AWS::ApiGateway::Stage" -> r.property("AccessLogSetting", "DestinationArn");
            case "AWS::ApiGatewayV2::Stage" -> r.property("AccessLogSettings", "DestinationArn");
            default -> null;
        };
        if (destination != null) {
            double bytes = value(Assumption.API_ACCESS_LOG_BYTES_PER_REQUEST);
            TemplateResource.target(destination).ifPresent(group -> addLogSource(r.stack(), group,
                    new LogSource(r.logicalId() + " access log", bytes * alertShare, bytes)));
        }
    }

    private void addLogSource(String stack, String logGroupId, LogSource source) {
        logSources.computeIfAbsent(key(stack, logGroupId), k -> new ArrayList<>()).add(source);
    }

    double price(Price price) {
        return prices.usd(price);
    }

    double value(Assumption assumption) {
        return model.value(assumption);
    }

    boolean flag(Assumption assumption) {
        return model.flag(assumption);
    }

    /** @return every resource of every template */
    List<TemplateResource> resources() {
        return resources;
    }

    /**
     * @return the share of the stage's alerts this stack's regional resources handle: alerts are
     *         split evenly among the stacks with an ingest function; a stack without one (or the
     *         only one) sees them all
     */
    double alertShare(String stack) {
        boolean takesAlerts = resources.stream().anyMatch(r -> r.stack().equals(stack) && role(r) == HandlerRole.INGEST);
        return takesAlerts ? 1.0 / ingestStacks : 1.0;
    }

    /** @return the function's shape; only for {@code AWS::Lambda::Function} */
    /** @return the log bytes one invocation of {@code fn} writes: its own line, plus Lambda's platform lines if on */
    double logBytesPerInvocation(LambdaShape fn) {
        return value(Assumption.LAMBDA_APPLICATION_LOG_BYTES_PER_INVOCATION)
                + (fn.platformLogs() ? value(Assumption.LAMBDA_PLATFORM_LOG_BYTES_PER_INVOCATION) : 0);
    }

    LambdaShape lambda(TemplateResource function) {
        return lambdas.get(key(function));
    }

    private HandlerRole role(TemplateResource r) {
        LambdaShape fn = lambdas.get(key(r));
        return fn == null ? null : fn.role();
    }

    /** @return how many functions in all templates play {@code role} */
    long count(HandlerRole role) {
        return functions(role).size();
    }

    /** @return how many resources of this CloudFormation type all templates hold */
    long count(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).count();
    }

    /** @return how many APIs (one per regional stack) take alerts and probes */
    long apis() {
        return count(ApiModel.REST) + count(ApiModel.V2);
    }

    /** @return whether the templates hold an incident table */
    boolean hasTable() {
        return resources.stream().anyMatch(r -> TableModel.TYPES.contains(r.type()));
    }

    /** @return invocations of this function per alert of the whole stage: its role's rate times its stack's share */
    double invocationsPerStageAlert(TemplateResource function) {
        return invocationsPerAlert(lambda(function).role()) * alertShare(function.stack());
    }

    /** @return the functions of every template that play {@code role} */
    List<TemplateResource> functions(HandlerRole role) {
        return resources.stream().filter(r -> role(r) == role).toList();
    }

    /** @return invocations of one function in this role per alert of the stage it serves */
    double invocationsPerAlert(HandlerRole role) {
        return switch (role) {
            case INGEST -> 1;
            case HEALTH -> 0;
            case PUBLISHER -> value(Assumption.PUBLISHER_INVOCATIONS_PER_ALERT);
            case PLAYBOOK -> value(Assumption.ROUTED_SHARE);
            case SWEEPER, OTHER -> 0;
        };
    }

    /** @return the warm duration in seconds of a function in this role (0 for {@link HandlerRole#OTHER}) */
    double warmSeconds(HandlerRole role) {
        return switch (role) {
            case INGEST -> value(Assumption.INGEST_WARM_DURATION_MS) / 1000;
            case HEALTH -> value(Assumption.HEALTH_WARM_DURATION_MS) / 1000;
            case PUBLISHER -> value(Assumption.PUBLISHER_WARM_DURATION_MS) / 1000;
            case PLAYBOOK -> value(Assumption.PLAYBOOK_WARM_DURATION_MS) / 1000;
            case SWEEPER -> value(Assumption.SWEEPER_WARM_DURATION_MS) / 1000;
            case OTHER -> 0;
        };
    }

    /** @return USD of one warm invocation: the request plus its GB-seconds */
    double lambdaUsdPerInvocation(LambdaShape fn) {
        double gbSeconds = fn.memoryMb() / Units.MB_PER_GB * warmSeconds(fn.role());
        double perGbSecond = price(fn.arm64() ? Price.LAMBDA_GB_SECOND_ARM64 : Price.LAMBDA_GB_SECOND_X86);
        return price(Price.LAMBDA_REQUESTS) / Units.MILLION + gbSeconds * perGbSecond;
    }

    /** @return USD per million alerts of tracing {@code tracedPerAlert} requests per alert at the sampled share */
    double xrayPerMillion(double tracedPerAlert) {
        return tracedPerAlert * value(Assumption.XRAY_SAMPLED_SHARE) * price(Price.XRAY_TRACES);
    }

    /** @return months storage is kept: {@code days / 30}, or the never-expiring assumption when absent or 0 */
    double monthsKept(OptionalDouble retentionDays) {
        return retentionDays.isPresent() && retentionDays.getAsDouble() > 0
                ? retentionDays.getAsDouble() / Units.DAYS_PER_MONTH
                : value(Assumption.NEVER_EXPIRING_MONTHS);
    }

    /** @return USD per byte logged: ingestion plus storage for {@code monthsKept} */
    double logUsdPerByte(double monthsKept) {
        return (price(Price.LOGS_INGESTION) + price(Price.LOGS_STORAGE) * monthsKept) / Units.BYTES_PER_GB;
    }

    /** @return whether a REST API stage of this stack traces requests (then the stage starts the ingest trace) */
    boolean apiTraced(String stack) {
        return tracedApiStacks.contains(stack);
    }

    /** @return whether a health-check probe of the API is traced (by the stage or the health function) */
    boolean probePathTraced() {
        boolean traced = !tracedApiStacks.isEmpty()
                || lambdas.values().stream().anyMatch(fn -> fn.role() == HandlerRole.HEALTH && fn.tracingActive());
        return traced && !healthPathUnsampled();
    }

    /** @return whether an X-Ray sampling rule traces nothing of a {@code /health} path (rate and reservoir 0) */
    private boolean healthPathUnsampled() {
        return resources().stream()
                .filter(r -> r.type().equals("AWS::XRay::SamplingRule"))
                .map(r -> r.property("SamplingRule"))
                .anyMatch(rule -> rule.path("URLPath").asText().endsWith("/health")
                        && rule.path("FixedRate").asDouble(1) == 0 && rule.path("ReservoirSize").asInt(1) == 0);
    }

    /** @return what writes to this log group */
    List<LogSource> logSources(TemplateResource logGroup) {
        return logSources.getOrDefault(key(logGroup), List.of());
    }

    /** @return whether some resource names this one as where its failed deliveries go */
    boolean isFailureDestination(TemplateResource r) {
        return failureDestinations.contains(key(r));
    }

    /** @return the resource {@code logicalId} of {@code stack}, if there is one */
    Optional<TemplateResource> resource(String stack, String logicalId) {
        return resources.stream().filter(r -> r.stack().equals(stack) && r.logicalId().equals(logicalId)).findFirst();
    }

    /**
     * @return publishes per alert to this SNS topic: the routed share when an incident-bus rule
     *         targets it, else 0 (a topic for budget or alarm notifications gets none per alert)
     */
    double publishesPerAlert(TemplateResource topic) {
        boolean routed = referrers(topic).stream().anyMatch(r -> r.type().equals("AWS::Events::Rule"));
        return routed ? value(Assumption.ROUTED_SHARE) * alertShare(topic.stack()) : 0;
    }

    /** @return the resources of the same stack whose properties refer to {@code target} */
    List<TemplateResource> referrers(TemplateResource target) {
        return resources.stream()
                .filter(r -> r.stack().equals(target.stack()) && r != target)
                .filter(r -> TemplateResource.targets(r.properties()).contains(target.logicalId()))
                .toList();
    }

    /** @return USD of one health-check probe along the API path, set after the first pass */
    double perProbeUsd() {
        if (Double.isNaN(perProbeUsd)) {
            throw new IllegalStateException("the probe path is priced after every other resource");
        }
        return perProbeUsd;
    }

    void perProbeUsd(double usd) {
        this.perProbeUsd = usd;
    }
}
