package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One REST API of the template served on loopback: the routes are its
 * {@code AWS::ApiGateway::Resource} tree and {@code AWS::ApiGateway::Method}s, each
 * {@code AWS_PROXY} integration invokes its function with API Gateway's REST proxy event, and the
 * function's answer becomes the HTTP response. URLs look like the deployed ones,
 * {@code http://127.0.0.1:<port>/<stage>/<path>}.
 *
 * <p>Not emulated: IAM authorization ({@code AWS_IAM} methods accept every request and pass the
 * identity {@value #LOCAL_OPERATOR} to the function), request validators, throttling, WAF and
 * custom gateway responses. An unknown route answers 403 {@code Missing Authentication Token}, as
 * API Gateway does.
 */
final class ApiGatewayServer implements AutoCloseable {
    /** The IAM identity every {@code AWS_IAM} method passes locally. */
    static final String LOCAL_OPERATOR = "arn:aws:iam::" + Moto.ACCOUNT + ":user/local-operator";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A node of the resource tree. */
    static final class Route {
        final String id;
        final String pathPart;
        final List<Route> children = new ArrayList<>();
        final Map<String, Method> methods = new LinkedHashMap<>();
        String path = "";

        Route(String id, String pathPart) {
            this.id = id;
            this.pathPart = pathPart;
        }
    }

    /** A method: the function it invokes and whether IAM would authorize it. */
    record Method(LocalFunction function, boolean iam) {
    }

    private final String apiId;
    private final String stage;
    private final Route root;
    private final HopLog log;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, LocalFunction.daemon("api"));

    ApiGatewayServer(String apiId, String stage, Route root, int port, HopLog log) {
        this.apiId = apiId;
        this.stage = stage;
        this.root = root;
        this.log = log;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new LocalRuntimeException("the API cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                    + (port == 0 ? "" : "; choose another port (-Dlocal.port=…)"), e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the base URL, {@code http://127.0.0.1:<port>/<stage>} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage;
    }

    /** @return the URL the deployed API would have, as the template's outputs resolve locally */
    String deployedUrl(String region) {
        return "https://" + apiId + ".execute-api." + region + ".amazonaws.com/" + stage;
    }

    /** @return every route as {@code METHOD /path}, for the banner */
    List<String> routes() {
        List<String> routes = new ArrayList<>();
        collect(root, routes);
        return routes;
    }

    private static void collect(Route route, List<String> out) {
        route.methods.forEach((method, m) -> out.add(method + " " + (route.path.isEmpty() ? "/" : route.path)
                + " → " + m.function().spec().logicalId() + (m.iam() ? " (AWS_IAM, not enforced locally)" : "")));
        route.children.forEach(child -> collect(child, out));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            String prefix = "/" + stage;
            String method = exchange.getRequestMethod();
            if (!rawPath.equals(prefix) && !rawPath.startsWith(prefix + "/")) {
                respond(exchange, 403, Map.of(), "{\"message\":\"Forbidden\"}");
                return;
            }
            String path = rawPath.substring(prefix.length());
            Map<String, String> pathParameters = new LinkedHashMap<>();
            Optional<Route> route = match(path, pathParameters);
            Method target = route.map(r -> r.methods.getOrDefault(method, r.methods.get("ANY"))).orElse(null);
            if (target == null) {
                log.hop("api", method + " " + rawPath + " → no route: 403 Missing Authentication Token");
                respond(exchange, 403, Map.of(), "{\"message\":\"Missing Authentication Token\"}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String event = event(exchange, route.get(), path, pathParameters, target, body);
            LocalFunction.Result result = target.function().invoke(event);
            if (result.error()) {
                log.hop("api", method + " " + rawPath + " → " + target.function().spec().logicalId() + ": function error "
                        + HopLog.shorten(AsyncInvoker.errorMessage(result.payload()), 200) + " → 502");
                respond(exchange, 502, Map.of(), "{\"message\":\"Internal server error\"}");
                return;
            }
            JsonNode answer = AsyncInvoker.parse(result.payload());
            int status = answer.path("statusCode").asInt(502);
            Map<String, String> headers = new LinkedHashMap<>();
            answer.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            String responseBody = answer.path("body").isNull() ? "" : answer.path("body").asText("");
            if (answer.path("isBase64Encoded").asBoolean(false)) {
                responseBody = new String(Base64.getDecoder().decode(responseBody), StandardCharsets.UTF_8);
            }
            log.hop("api", method + " " + rawPath + " → " + target.function().spec().logicalId() + " " + status
                    + " (" + result.millis() + " ms) " + HopLog.shorten(responseBody, 160));
            respond(exchange, status, headers, responseBody);
        } catch (RuntimeException e) {
            log.hop("error", "api: " + e.getMessage());
            respond(exchange, 500, Map.of(), "{\"message\":\"local runtime error: " + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    private Optional<Route> match(String path, Map<String, String> parameters) {
        String[] segments = path.isEmpty() || path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
        Route current = root;
        for (int i = 0; i < segments.length; i++) {
            String segment = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
            Route next = null;
            for (Route child : current.children) {
                if (child.pathPart.equals(segment)) {
                    next = child;
                }
            }
            for (Route child : current.children) {
                if (next == null && child.pathPart.endsWith("+}")) {
                    parameters.put(child.pathPart.substring(1, child.pathPart.length() - 2),
                            String.join("/", Arrays.copyOfRange(segments, i, segments.length)));
                    return Optional.of(child);
                }
                if (next == null && child.pathPart.startsWith("{")) {
                    parameters.put(child.pathPart.substring(1, child.pathPart.length() - 1), segment);
                    next = child;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    /** @return API Gateway's REST proxy event (payload format 1.0) for this request */
    private String event(HttpExchange exchange, Route route, String path, Map<String, String> pathParameters, Method target,
            String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", route.path.isEmpty() ? "/" : route.path);
        event.put("path", path.isEmpty() ? "/" : path);
        event.put("httpMethod", exchange.getRequestMethod());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            values.forEach(multiHeaders.putArray(name)::add);
        });
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                single.put(name, value);
                (multi.has(name) ? (ArrayNode) multi.get(name) : multi.putArray(name)).add(value);
            }
        }
        if (pathParameters.isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", Moto.ACCOUNT);
        context.put("apiId", apiId);
        context.put("resourceId", route.id);
        context.put("resourcePath", route.path.isEmpty() ? "/" : route.path);
        context.put("httpMethod", exchange.getRequestMethod());
        context.put("path", "/" + stage + path);
        context.put("stage", stage);
        context.put("protocol", "HTTP/1.1");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("extendedRequestId", UUID.randomUUID().toString());
        context.put("requestTimeEpoch", Instant.now().toEpochMilli());
        context.put("domainName", "127.0.0.1");
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        identity.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        if (target.iam()) {
            identity.put("accountId", Moto.ACCOUNT);
            identity.put("caller", "local-operator");
            identity.put("user", "local-operator");
            identity.put("userArn", LOCAL_OPERATOR);
        }
        if (body.isEmpty()) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (!headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
