package io.incidentpipeline.ingest;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.EndpointConfiguration;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.ModelOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.Unit;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilterOptions;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The pipeline's front door: a regional REST API with {@code POST /alerts/{source}}, backed by the
 * ingest function, which authenticates each alert with its source's secret, normalizes it and
 * records it in the {@code IncidentStore}; and {@code GET /health}, backed by a function of its own
 * that checks the region's table and bus (probes take none of the intake's concurrency).
 *
 * <p>Secure by default: a throttle per door (alerts, health, the operator API), JSON access logs,
 * X-Ray tracing, no request or response bodies in the execution logs (alerts may carry secrets),
 * JSON error bodies for the gateway's own errors, required {@code Content-Type}, signing secrets
 * read from Secrets Manager at run time (only their ARNs are in the template), the previous key
 * accepted for a grace window after a rotation, and a metric of 401 answers per source.
 */
public final class AlertIngestApi extends Construct {
    /** The stage every URL starts with. */
    public static final String STAGE_NAME = "v1";
    /** The namespace of the handlers' own metrics (their logs' embedded metric format, the metric filter). */
    public static final String METRIC_NAMESPACE = "IncidentPipeline";
    /** The metric counting 401 answers, per {@value #FUNCTION_DIMENSION} and {@value #SOURCE_DIMENSION}. */
    public static final String AUTHENTICATION_FAILURES = "AuthenticationFailures";
    /** The metric counting signing-key reads answered from the cache because Secrets Manager failed. */
    public static final String STALE_SECRET_SERVED = "StaleSecretServed";
    /** The metric counting alerts authenticated with a source's previous key after a rotation. */
    public static final String PREVIOUS_KEY_USED = "PreviousSigningKeyUsed";
    private static final String FUNCTION_DIMENSION = "FunctionName";
    private static final String SOURCE_DIMENSION = "Source";
    private static final String ALERT_METHOD = "/alerts/{source}/POST";
    private static final String HEALTH_METHOD = "/health/GET";
    /** How long a warm health function reuses its verdict: probes cost at most one read and write per period. */
    public static final int HEALTH_CACHE_SECONDS = 10;
    private static final String HANDLER = "io.incidentpipeline.handlers.ingest.IngestHandler::handleRequest";
    private static final String HEALTH_HANDLER = "io.incidentpipeline.handlers.health.HealthHandler::handleRequest";
    private static final String NO_AUTHORIZER_REASON = "Alert senders (monitoring SaaS webhooks) cannot sign"
            + " SigV4 or hold Cognito tokens; every alert is authenticated in the handler with its source's HMAC"
            + " secret or token before anything is written.";

    private final RestApi api;
    private final JavaHandlerFunction function;
    private final JavaHandlerFunction healthFunction;
    private final Map<AlertSource, ISecret> secrets;
    private final ApiFirewall firewall;

    /**
     * Creates the alert intake: the REST API, its ingest and health functions, and a signing secret
     * for each source that does not bring its own.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} is required
     */
    public AlertIngestApi(Construct scope, String id, AlertIngestApiProps props) {
        super(scope, id);
        secrets = sourceSecrets(props);
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Authenticates, normalizes and deduplicates alerts into incidents")
                .memorySize(props.getMemorySize())
                .timeout(Duration.seconds(10))
                .environment(environment(props))
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getRemovalPolicy())
                .build());
        // The handler's only table calls: the dedup UpdateItem, the re-open PutItems (the archived
        // copy and the new incident), the GetItem of the resolved incident it re-opens.
        props.getStore().grantItemActions(function, "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem");
        secrets.values().forEach(secret -> secret.grantRead(function));
        healthFunction = healthFunction(props);
        String syncReason = "Invoked synchronously by API Gateway: the caller receives the error and retries;"
                + " there is no asynchronous event to keep.";
        for (JavaHandlerFunction synchronous : List.of(function, healthFunction)) {
            Guardrails.acknowledge(synchronous.getFunction(), "Serverless-LambdaDLQ", syncReason);
        }

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.getLogRetention())
                .removalPolicy(props.getRemovalPolicy())
                .build();
        api = RestApi.Builder.create(this, "Resource")
                // API names live in the account: unique per stack and construct path, so two stages or two
                // pipelines in one account and region never share one (alarms key on the name).
                .restApiName(Names.uniqueResourceName(this, UniqueResourceNameOptions.builder()
                        .maxLength(128).separator("-").build()))
                .description("Incident Pipeline alert intake")
                .endpointConfiguration(EndpointConfiguration.builder().types(List.of(EndpointType.REGIONAL)).build())
                // The account-wide logging role is not this API's to create: ApiGatewayCloudWatchRole, once.
                .cloudWatchRole(false)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE_NAME)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
                                .resourcePath(true).responseLength(true).status(true).user(true).build()))
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .tracingEnabled(true)
                        // A budget per door: the stage's default covers the operator API's methods.
                        .throttlingRateLimit(props.getOperatorThrottlingRateLimit())
                        .throttlingBurstLimit(props.getOperatorThrottlingBurstLimit())
                        .methodOptions(doorThrottles(props))
                        .build())
                .build();
        if (props.getFirewallRequestsPer5Min() != null) {
            firewall = new ApiFirewall(this, "Firewall", ApiFirewallProps.builder()
                    .stage(api.getDeploymentStage())
                    .alertRequestsPer5MinPerIp(props.getFirewallRequestsPer5Min())
                    .build());
        } else {
            firewall = null;
            Guardrails.acknowledge(api.getDeploymentStage(), "AwsSolutions-APIG3", "Firewall not enabled for this"
                    + " stage: every alert is authenticated with its source's secret before anything is written, and"
                    + " the stage is throttled. A WAF web ACL costs about $11/month idle, more than a sandbox's"
                    + " budget; production stages enable it (AlertIngestApiProps.firewall).");
        }
        addJsonGatewayResponses();

        // The gateway rejects what is not a JSON object before any Lambda is billed; the handler
        // still validates every field, since the construct's function may sit behind another front.
        RequestValidator validator = api.addRequestValidator("RequestValidator", RequestValidatorOptions.builder()
                .validateRequestParameters(true)
                .validateRequestBody(true)
                .build());
        Model jsonObject = api.addModel("JsonObject", ModelOptions.builder()
                .contentType("application/json")
                .description("Any JSON object: each source's handler validates the fields")
                .schema(JsonSchema.builder().schema(JsonSchemaVersion.DRAFT4).type(JsonSchemaType.OBJECT).build())
                .build());
        LambdaIntegration integration = new LambdaIntegration(function.getAlias());
        Method postAlert = api.getRoot().addResource("alerts").addResource("{source}").addMethod("POST", integration,
                MethodOptions.builder()
                        .requestValidator(validator)
                        .requestParameters(Map.of("method.request.path.source", true,
                                "method.request.header.Content-Type", true))
                        .requestModels(Map.of("application/json", jsonObject))
                        .build());
        acknowledgeNoAuthorizer(postAlert, NO_AUTHORIZER_REASON);
        Method health = api.getRoot().addResource("health").addMethod("GET", new LambdaIntegration(healthFunction.getAlias()));
        acknowledgeNoAuthorizer(health, "Route 53 health checkers and load balancers probe /health without"
                + " credentials; it returns only ok/unhealthy and the failing check's name.");

        // Every 401 the function answers, counted per source: a sender with an old key loses its alerts silently.
        function.getLogGroup().addMetricFilter("AuthenticationFailures", MetricFilterOptions.builder()
                .filterPattern(FilterPattern.all(
                        FilterPattern.stringValue("$.message", "=", "request rejected"),
                        FilterPattern.numberValue("$.status", "=", 401)))
                .metricNamespace(METRIC_NAMESPACE)
                .metricName(AUTHENTICATION_FAILURES)
                .metricValue("1")
                .dimensions(new TreeMap<>(Map.of(FUNCTION_DIMENSION, "$." + FUNCTION_DIMENSION,
                        SOURCE_DIMENSION, "$.source")))
                .unit(Unit.COUNT)
                .build());
    }

    /** The alert and health doors' throttles, in a fixed order: the template must not change between synths. */
    private static Map<String, MethodDeploymentOptions> doorThrottles(AlertIngestApiProps props) {
        Map<String, MethodDeploymentOptions> doors = new LinkedHashMap<>();
        doors.put(ALERT_METHOD, throttle(props.getThrottlingRateLimit(), props.getThrottlingBurstLimit()));
        doors.put(HEALTH_METHOD, throttle(props.getHealthThrottlingRateLimit(), props.getHealthThrottlingBurstLimit()));
        return doors;
    }

    private static MethodDeploymentOptions throttle(int rateLimit, int burstLimit) {
        return MethodDeploymentOptions.builder().throttlingRateLimit(rateLimit).throttlingBurstLimit(burstLimit).build();
    }

    /**
     * {@code GET /health}: reads and writes the probe item, and describes the bus. 256 MB: a probe
     * is answered from a verdict kept {@value #HEALTH_CACHE_SECONDS} s, so memory buys it nothing.
     */
    private JavaHandlerFunction healthFunction(AlertIngestApiProps props) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", props.getStore().getTable().getTableName());
        env.put("HEALTH_CACHE_SECONDS", Integer.toString(HEALTH_CACHE_SECONDS));
        if (props.getBus() != null) {
            env.put("EVENT_BUS_NAME", props.getBus().getEventBusName());
        }
        JavaHandlerFunction health = new JavaHandlerFunction(this, "HealthFunction", JavaHandlerFunctionProps.builder()
                .handler(HEALTH_HANDLER)
                .description("Answers GET /health: whether this region's table and bus answer")
                .memorySize(256)
                .timeout(Duration.seconds(5))
                .environment(env)
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getRemovalPolicy())
                .build());
        props.getStore().grantItemActions(health, "dynamodb:GetItem", "dynamodb:PutItem");
        if (props.getBus() != null) {
            Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                    .grantee(health)
                    .actions(List.of("events:DescribeEventBus"))
                    .resourceArns(List.of(props.getBus().getEventBusArn()))
                    .build());
        }
        return health;
    }

    private Map<AlertSource, ISecret> sourceSecrets(AlertIngestApiProps props) {
        Map<AlertSource, ISecret> result = new EnumMap<>(AlertSource.class);
        for (AlertSource source : props.getSources()) {
            ISecret given = props.getSourceSecrets().get(source);
            if (given != null) {
                result.put(source, given);
                continue;
            }
            ISecret created = new SigningSecret(this, "Secret-" + source.getId(), source, null, List.of(),
                    props.getRemovalPolicy()).getSecret();
            result.put(source, created);
        }
        return result;
    }

    private Map<String, String> environment(AlertIngestApiProps props) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", props.getStore().getTable().getTableName());
        env.put("ALERT_SOURCES", props.getSources().stream().map(AlertSource::getId).collect(Collectors.joining(",")));
        env.put("ALERT_SECRET_ARNS", secrets.entrySet().stream()
                .map(e -> e.getKey().getId() + "=" + e.getValue().getSecretArn())
                .collect(Collectors.joining(",")));
        env.put("MAX_BODY_BYTES", Integer.toString(props.getMaxBodyBytes()));
        env.put("PREVIOUS_KEY_GRACE_SECONDS", props.getPreviousKeyGracePeriod().toSeconds().toString());
        return env;
    }

    /** The gateway's own errors (throttled, missing header, …) in the same JSON shape as the handler's. */
    private void addJsonGatewayResponses() {
        String error = "{\"error\":\"$context.error.responseType\",\"message\":$context.error.messageString}";
        api.addGatewayResponse("Json4xx", jsonResponse(ResponseType.DEFAULT_4_XX, error));
        api.addGatewayResponse("Json5xx", jsonResponse(ResponseType.DEFAULT_5_XX, error));
        api.addGatewayResponse("JsonBadBody", jsonResponse(ResponseType.BAD_REQUEST_BODY, "{\"error\":\"invalid_body\","
                + "\"message\":\"The body must be one JSON object: $util.escapeJavaScript("
                + "$context.error.validationErrorString)\"}"));
    }

    private static GatewayResponseOptions jsonResponse(ResponseType type, String template) {
        return GatewayResponseOptions.builder().type(type).templates(Map.of("application/json", template)).build();
    }

    private static void acknowledgeNoAuthorizer(Method method, String reason) {
        Guardrails.acknowledge(method, "AwsSolutions-APIG4", reason);
        Guardrails.acknowledge(method, "AwsSolutions-COG4", reason);
    }

    /** @return the REST API */
    public RestApi getApi() {
        return api;
    }

    /** @return the ingest function (invoke its {@code live} alias) */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /** @return the function behind {@code GET /health} (invoke its {@code live} alias) */
    public JavaHandlerFunction getHealthFunction() {
        return healthFunction;
    }

    /** @return the WAF in front of the stage, if the props asked for one */
    public java.util.Optional<ApiFirewall> getFirewall() {
        return java.util.Optional.ofNullable(firewall);
    }

    /** @return the signing secret of each enabled source */
    public Map<AlertSource, ISecret> getSourceSecrets() {
        return Map.copyOf(secrets);
    }

    /** @return the API's 5xx answers (sum per 5 minutes): the handler or the gateway failed */
    public Metric metricServerErrors() {
        return api.metricServerError();
    }

    /** @return the API's 4xx answers (sum per 5 minutes): rejected alerts, bad signatures, throttling */
    public Metric metricClientErrors() {
        return api.metricClientError();
    }

    /** @return end-to-end request latency as API Gateway measures it (average per 5 minutes) */
    public Metric metricLatency() {
        return api.metricLatency();
    }

    /**
     * @param source the alert source
     * @return the 401 answers to alerts of {@code source} (sum per 5 minutes), from the function's
     *     logs: a sender whose key is wrong or old, or someone without one
     */
    public Metric metricAuthenticationFailures(AlertSource source) {
        return handlerMetric(AUTHENTICATION_FAILURES, Map.of(SOURCE_DIMENSION, source.getId()));
    }

    /**
     * @return the signing-key reads that Secrets Manager failed and the function answered with the
     *         last key it knew (sum per 5 minutes; for up to 6 hours after its last successful read)
     */
    public Metric metricStaleSigningKeys() {
        return handlerMetric(STALE_SECRET_SERVED, Map.of());
    }

    /**
     * @return the alerts authenticated with a source's previous key during a rotation's grace
     *         window (sum per 5 minutes): senders still to update before it ends
     */
    public Metric metricPreviousKeyUsed() {
        return handlerMetric(PREVIOUS_KEY_USED, Map.of());
    }

    private Metric handlerMetric(String name, Map<String, String> dimensions) {
        Map<String, String> all = new TreeMap<>(dimensions);
        all.put(FUNCTION_DIMENSION, function.getFunction().getFunctionName());
        return Metric.Builder.create()
                .namespace(METRIC_NAMESPACE)
                .metricName(name)
                .dimensionsMap(all)
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build();
    }

    /**
     * @param source the alert source
     * @return the URL alerts of {@code source} are posted to
     */
    public String urlFor(AlertSource source) {
        return api.urlForPath("/alerts/" + source.getId());
    }
}
