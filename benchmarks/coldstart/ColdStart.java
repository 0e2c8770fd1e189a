import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.sun.net.httpserver.HttpServer;
import io.incidentpipeline.handlers.health.HealthHandler;
import io.incidentpipeline.handlers.ingest.HmacSignatureVerifier;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import io.incidentpipeline.handlers.operator.OperatorApiHandler;
import io.incidentpipeline.handlers.playbook.ExamplePlaybookHandler;
import io.incidentpipeline.handlers.publish.StreamPublisher;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Cold start of every API and event handler, each in a fresh JVM with the flags Lambda uses and
 * ONLY the deployable jar that ships it on its class path, against dynalite (Secrets Manager and
 * EventBridge answered by a loopback stub): init = JVM start until the handler is constructed,
 * first request = one real request answered. Beside two floors per jar, run the same way: "hello"
 * (a JVM that does nothing) and "sdk" (builds the AWS clients the jar's handlers build and makes
 * one PutItem). Then, for the ingest handler: the first request after its SnapStart priming hook,
 * warm p50/p99 beside the PutItem floor, and the CPU time of a warm request (for the memory size).
 *
 * <p>Usage (benchmarks/coldstart.sh): {@code ColdStart <lambda-src/target> <runs>}; child mode:
 * {@code ColdStart --child <mode>}. Each group of child modes is a nested class, so a child JVM
 * loads only the handler classes its jar holds.
 */
public final class ColdStart {
    static final String SECRET = "benchmark-signing-key-0123456789abcdefghijklmnop";
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench";
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx460m");
    private static final int WARM_UP = 200;
    private static final int WARM_REQUESTS = 2000;

    /** The jars, each with its floor and the handlers it ships. */
    private static final Map<String, List<String>> JARS = new LinkedHashMap<>();

    static {
        JARS.put("incident-pipeline-ingest.jar", List.of("hello", "sdk-ingest", "ingest", "operator"));
        JARS.put("incident-pipeline-events.jar", List.of("hello", "sdk-events", "health", "publisher", "playbook"));
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--child")) {
            child(args[1]);
            return;
        }
        Path jars = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String benchmark = Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        LocalDynamoDb dynalite = LocalDynamoDb.start();
        int dynalitePort = dynalite.port();
        HttpServer stub = awsStub();
        try {
            String table = createTable(dynalitePort);
            String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench",
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynalitePort,
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", stubUrl, "AWS_ENDPOINT_URL_EVENTBRIDGE", stubUrl,
                    "TABLE_NAME", table, "ALERT_SOURCES", "generic", "ALERT_SECRET_ARNS", "generic=" + SECRET_ARN,
                    "CURSOR_SECRET_ARN", SECRET_ARN));
            env.putAll(Map.of("EVENT_BUS_NAME", "incident-bus", "PLAYBOOK_NAME", "bench-triage", "DRY_RUN", "false"));
            Map<String, List<long[]>> samples = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (Map.Entry<String, List<String>> jar : JARS.entrySet()) {
                    String classpath = benchmark + File.pathSeparator + jars.resolve(jar.getKey());
                    for (String mode : jar.getValue()) {
                        samples.computeIfAbsent(jar.getKey() + " " + mode, k -> new ArrayList<>())
                                .add(child(classpath, env, LAMBDA_FLAGS, mode, "RESULT "));
                    }
                }
            }
            for (Map.Entry<String, List<String>> jar : JARS.entrySet()) {
                System.out.printf("%n%s (%,d bytes): medians of %d fresh Lambda-flagged JVMs%n%n", jar.getKey(),
                        Files.size(jars.resolve(jar.getKey())), runs);
                System.out.println("| JVM | init ms | first request ms | total ms | ratio to sdk |");
                System.out.println("|---|---:|---:|---:|---:|");
                String floor = jar.getKey() + " " + jar.getValue().get(1);
                long floorTotal = median(samples.get(floor), 2);
                for (String mode : jar.getValue()) {
                    List<long[]> s = samples.get(jar.getKey() + " " + mode);
                    System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.2f |%n", mode, median(s, 0), median(s, 1),
                            median(s, 2), (double) median(s, 2) / floorTotal);
                }
            }
            String ingestClasspath = benchmark + File.pathSeparator + jars.resolve("incident-pipeline-ingest.jar");
            // Warm with Lambda's flags (C1 only, as a function runs warm) and with the default JIT (C2).
            long[] sdkWarm = child(ingestClasspath, env, LAMBDA_FLAGS, "sdk-warm", "WARM ");
            long[] ingestWarm = child(ingestClasspath, env, LAMBDA_FLAGS, "ingest-warm", "WARM ");
            long[] sdkWarmC2 = child(ingestClasspath, env, List.of(), "sdk-warm", "WARM ");
            long[] ingestWarmC2 = child(ingestClasspath, env, List.of(), "ingest-warm", "WARM ");
            List<Long> primed = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                primed.add(child(ingestClasspath, env, LAMBDA_FLAGS, "ingest-primed", "PRIMED ")[0]);
            }
            Collections.sort(primed);
            System.out.printf("%n| warm path (%d requests after %d warm-up) | p50 ms | p99 ms | CPU µs per request | ratio p50 to floor |%n",
                    WARM_REQUESTS, WARM_UP);
            System.out.println("|---|---:|---:|---:|---:|");
            warmRow("floor: one PutItem, Lambda's flags (C1)", sdkWarm, sdkWarm);
            warmRow("ingest: signed alert recorded, Lambda's flags (C1)", ingestWarm, sdkWarm);
            warmRow("floor: one PutItem, default JIT (C2)", sdkWarmC2, sdkWarmC2);
            warmRow("ingest: signed alert recorded, default JIT (C2)", ingestWarmC2, sdkWarmC2);
            double primedMedian = primed.get(primed.size() / 2) / 1e3;
            System.out.printf(Locale.ROOT, "%nFirst request after priming (median of %d): %.2f ms = %.2f x the warm p50"
                    + " with Lambda's flags, %.2f x with the default JIT%n", runs, primedMedian,
                    primedMedian / (ingestWarm[0] / 1e3), primedMedian / (ingestWarmC2[0] / 1e3));
        } finally {
            stub.stop(0);
            dynalite.close();
        }
    }

    private static void warmRow(String what, long[] warm, long[] floor) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %d | %.2f |%n", what, warm[0] / 1e3, warm[1] / 1e3, warm[2],
                (double) warm[0] / floor[0]);
    }

    /** Runs one child JVM and returns the numbers after {@code marker} on its output. */
    private static long[] child(String classpath, Map<String, String> env, List<String> flags, String mode,
            String marker) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, "ColdStart", "--child", mode));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains(marker)) {
            throw new IllegalStateException(mode + " failed:\n" + out);
        }
        return Arrays.stream(out.substring(out.indexOf(marker) + marker.length()).trim().split("\\s+"))
                .limit(3).mapToLong(Long::parseLong).toArray();
    }

    /** In the child JVM. */
    private static void child(String mode) throws Exception {
        switch (mode) {
            case "ingest-primed" -> Ingest.primedFirstRequest();
            case "sdk-warm" -> warm(Floors.request("sdk-ingest"));
            case "ingest-warm" -> warm(Ingest.request("ingest"));
            default -> {
                Instant start = ProcessHandle.current().info().startInstant().orElseThrow();
                Runnable firstRequest = switch (mode) {
                    case "hello", "sdk-ingest", "sdk-events" -> Floors.request(mode);
                    case "ingest", "operator" -> Ingest.request(mode);
                    default -> Events.request(mode);
                };
                long init = Duration.between(start, Instant.now()).toMillis();
                Instant before = Instant.now();
                firstRequest.run();
                System.out.println("RESULT " + init + " " + Duration.between(before, Instant.now()).toMillis());
            }
        }
    }

    /** p50 and p99 in µs, and the median CPU time of a request in µs, with the default JIT. */
    private static void warm(Runnable request) {
        for (int i = 0; i < WARM_UP; i++) {
            request.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[WARM_REQUESTS];
        long[] cpu = new long[WARM_REQUESTS];
        for (int i = 0; i < WARM_REQUESTS; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            request.run();
            nanos[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.println("WARM " + nanos[WARM_REQUESTS / 2] / 1000 + " " + nanos[WARM_REQUESTS * 99 / 100] / 1000
                + " " + cpu[WARM_REQUESTS / 2] / 1000);
    }

    /** The floors: nothing, or the jar's AWS clients and one PutItem. */
    static final class Floors {
        static Runnable request(String mode) {
            if (mode.equals("hello")) {
                return () -> System.out.print("");
            }
            DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            // The other client the jar's handlers build at init, built the same way.
            Object other = mode.equals("sdk-ingest")
                    ? SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()
                    : EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            return () -> dynamoDb.putItem(b -> b.tableName(System.getenv("TABLE_NAME"))
                    .item(Map.of("pk", AttributeValue.fromS("BENCH#" + System.nanoTime()), "sk", AttributeValue.fromS("x"),
                            "by", AttributeValue.fromS(other.getClass().getSimpleName()))));
        }
    }

    /** The ingest jar's API handlers. */
    static final class Ingest {
        static Runnable request(String mode) {
            if (mode.equals("operator")) {
                OperatorApiHandler handler = new OperatorApiHandler();
                return () -> expect(handler.handleRequest(operatorList(), null), 200);
            }
            IngestHandler handler = new IngestHandler();
            return () -> expect(handler.handleRequest(alert(), null), 202);
        }

        /**
         * A fresh JVM that runs the SnapStart hooks, before the snapshot ({@code prime}) and after the
         * restore ({@code restore}: the signing secret read), then times its first real request.
         */
        static void primedFirstRequest() {
            IngestHandler handler = new IngestHandler();
            handler.prime();
            handler.restore();
            long before = System.nanoTime();
            expect(handler.handleRequest(alert(), null), 202);
            System.out.println("PRIMED " + (System.nanoTime() - before) / 1000);
        }

        private static APIGatewayProxyRequestEvent alert() {
            String body = "{\"title\":\"Disk full on db-" + System.nanoTime() + "\",\"severity\":\"critical\",\"service\":\"orders-db\"}";
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            return new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST").withResource("/alerts/{source}").withPath("/alerts/generic")
                    .withPathParameters(Map.of("source", "generic"))
                    .withHeaders(Map.of("Content-Type", "application/json",
                            HmacSignatureVerifier.TIMESTAMP_HEADER, timestamp,
                            HmacSignatureVerifier.SIGNATURE_HEADER, HmacSignatureVerifier.signatureHeader(SECRET, timestamp,
                                    body.getBytes(StandardCharsets.UTF_8))))
                    .withBody(body).withIsBase64Encoded(false);
        }

        private static APIGatewayProxyRequestEvent operatorList() {
            APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
            identity.setUserArn("arn:aws:sts::123456789012:assumed-role/oncall/bench");
            APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
            context.setIdentity(identity);
            return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withResource("/incidents")
                    .withQueryStringParameters(Map.of("status", "OPEN", "limit", "25")).withRequestContext(context);
        }
    }

    /** The events jar's handlers. */
    static final class Events {
        static Runnable request(String mode) {
            return switch (mode) {
                case "health" -> {
                    HealthHandler handler = new HealthHandler();
                    yield () -> expect(handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                            .withResource("/health"), null), 200);
                }
                case "publisher" -> {
                    StreamPublisher handler = new StreamPublisher();
                    yield () -> {
                        StreamsEventResponse response = handler.handleRequest(insert(), null);
                        if (!response.getBatchItemFailures().isEmpty()) {
                            throw new IllegalStateException("publisher failed: " + response.getBatchItemFailures());
                        }
                    };
                }
                case "playbook" -> {
                    ExamplePlaybookHandler handler = new ExamplePlaybookHandler();
                    yield () -> {
                        Map<String, Object> answer = handler.handleRequest(Map.of("id", "bench-" + System.nanoTime(),
                                "detail-type", "Incident Opened", "detail", Map.of("incidentId", newIncidentId(),
                                        "title", "Disk full on db-1", "severity", "critical", "service", "orders-db")), null);
                        if (!Boolean.TRUE.equals(answer.get("ran"))) {
                            throw new IllegalStateException("playbook did not run: " + answer);
                        }
                    };
                }
                default -> throw new IllegalArgumentException(mode);
            };
        }

        /** One INSERT of a current incident, as the table's stream delivers it. */
        private static DynamodbEvent insert() {
            String now = Instant.now().toString().replaceFirst("(\\.\\d{3})\\d*Z$", "$1Z");
            String fingerprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> item = new HashMap<>();
            Map<String, String> strings = Map.ofEntries(Map.entry("pk", "FP#" + fingerprint), Map.entry("sk", "INCIDENT"),
                    Map.entry("incidentId", newIncidentId()), Map.entry("fingerprint", fingerprint),
                    Map.entry("source", "generic"), Map.entry("severity", "critical"), Map.entry("title", "Disk full on db-1"),
                    Map.entry("service", "orders-db"), Map.entry("category", "capacity"), Map.entry("status", "OPEN"),
                    Map.entry("openedAt", now), Map.entry("lastSeenAt", now), Map.entry("updatedAt", now),
                    Map.entry("writtenRegion", "us-east-1"), Map.entry("changedBy", "alert:generic"));
            strings.forEach((name, value) ->
                    item.put(name, new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue(value)));
            item.put("occurrences", new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withN("1"));
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord change =
                    new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord()
                            .withKeys(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                            .withNewImage(item)
                            .withSequenceNumber(String.valueOf(System.nanoTime()));
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("INSERT");
            record.setDynamodb(change);
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(List.of(record));
            return event;
        }
    }

    private static void expect(APIGatewayProxyResponseEvent response, int status) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("answered " + response.getStatusCode() + " " + response.getBody());
        }
    }

    /** {@code inc_} and 26 random Crockford base32 characters: a fresh incident per run. */
    private static String newIncidentId() {
        char[] alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("inc_");
        for (int i = 0; i < 26; i++) {
            id.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return id.toString();
    }

    private static long median(List<long[]> samples, int column) {
        List<Long> values = new ArrayList<>();
        samples.forEach(s -> values.add(column == 2 ? s[0] + s[1] : s[column]));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    /** Secrets Manager and EventBridge have no local engine: GetSecretValue, DescribeEventBus, PutEvents. */
    private static HttpServer awsStub() throws IOException {
        // Without TCP_NODELAY the JDK server's answers wait for the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String answer;
            if (target.endsWith("GetSecretValue")) {
                answer = "{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"bench\",\"SecretString\":\"" + SECRET
                        + "\",\"VersionId\":\"1\"}";
            } else if (target.endsWith("DescribeEventBus")) {
                answer = "{\"Name\":\"incident-bus\",\"Arn\":\"arn:aws:events:us-east-1:123456789012:event-bus/incident-bus\"}";
            } else {
                int entries = body.split("\"Source\"", -1).length - 1;
                StringBuilder results = new StringBuilder();
                for (int i = 0; i < entries; i++) {
                    results.append(i == 0 ? "" : ",").append("{\"EventId\":\"bench-").append(i).append("\"}");
                }
                answer = "{\"FailedEntryCount\":0,\"Entries\":[" + results + "]}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    /** The incident table as the constructs create it ({@link LocalDynamoDb#createIncidentTable}). */
    private static String createTable(int port) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        return LocalDynamoDb.createIncidentTable(client);
    }
}
