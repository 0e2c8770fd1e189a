import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpServer;
import io.incidentpipeline.handlers.ingest.HmacSignatureVerifier;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Cold start of the ingest handler beside two floors, each in a fresh JVM with the flags Lambda
 * uses, against dynalite: "hello" (a JVM that answers at once), "sdk" (builds the DynamoDB client
 * the handlers build and makes one PutItem: the SDK floor), "ingest" (the real IngestHandler from
 * the deployable jar: construction = init, then one signed alert = first request). Each child
 * reports, from its own JVM start, the time to the end of init and to the answered first request.
 * Then the warm path: p50/p99 of 2,000 requests after 200 warm-up ones, for a PutItem (the floor)
 * and for a signed alert through the ingest handler, each in a JVM with the default JIT.
 *
 * <p>Usage (benchmarks/coldstart.sh): {@code ColdStart <handlers.jar> <runs>}; child mode:
 * {@code ColdStart --child <mode>}.
 */
public final class ColdStart {
    private static final String SECRET = "benchmark-signing-key-0123456789abcdefghijklmnop";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--child")) {
            child(args[1]);
            return;
        }
        Path jar = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        int dynalitePort = freePort();
        Process dynalite = new ProcessBuilder("node", "node_modules/dynalite/cli.js", "--port", String.valueOf(dynalitePort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HttpServer secrets = secretsManager();
        try {
            waitForPort(dynalitePort);
            String table = createTable(dynalitePort);
            Map<String, String> env = Map.of(
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench",
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynalitePort,
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + secrets.getAddress().getPort(),
                    "TABLE_NAME", table, "ALERT_SOURCES", "generic",
                    "ALERT_SECRET_ARNS", "generic=arn:aws:secretsmanager:us-east-1:123456789012:secret:bench");
            String classpath = jar + java.io.File.pathSeparator + System.getProperty("java.class.path");
            List<String> modes = List.of("hello", "sdk", "ingest");
            Map<String, List<long[]>> samples = new java.util.HashMap<>();
            for (int run = 0; run < runs; run++) {
                for (String mode : modes) {
                    samples.computeIfAbsent(mode, m -> new ArrayList<>()).add(runChild(classpath, env, mode));
                }
            }
            System.out.println();
            System.out.println("| warm path (" + WARM_REQUESTS + " requests after " + WARM_UP + " warm-up) | p50 ms | p99 ms | ratio p50 to sdk |");
            System.out.println("|---|---:|---:|---:|");
            double[] sdkWarm = warm(classpath, env, "sdk-warm");
            double[] ingestWarm = warm(classpath, env, "ingest-warm");
            List<Double> primed = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                primed.add(primedFirstRequest(classpath, env));
            }
            Collections.sort(primed);
            System.out.printf("| sdk: one PutItem | %.2f | %.2f | 1.00 |%n", sdkWarm[0], sdkWarm[1]);
            System.out.printf("| ingest: signed alert recorded | %.2f | %.2f | %.2f |%n", ingestWarm[0], ingestWarm[1],
                    ingestWarm[0] / sdkWarm[0]);
            double primedMedian = primed.get(primed.size() / 2);
            System.out.printf("%nFirst request after priming (median of %d fresh Lambda-flagged JVMs): %.2f ms ="
                    + " %.2f x the warm p50%n", runs, primedMedian, primedMedian / ingestWarm[0]);
            System.out.println();
            System.out.println("| JVM | init ms (median) | first request ms (median) | total ms (median) | ratio to sdk |");
            System.out.println("|---|---:|---:|---:|---:|");
            long sdkTotal = median(samples.get("sdk"), 2);
            for (String mode : modes) {
                List<long[]> s = samples.get(mode);
                System.out.printf("| %s | %d | %d | %d | %.2f |%n", mode, median(s, 0), median(s, 1), median(s, 2),
                        (double) median(s, 2) / sdkTotal);
            }
        } finally {
            secrets.stop(0);
            dynalite.destroy();
        }
    }

    private static long[] runChild(String classpath, Map<String, String> env, String mode) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx460m",
                "-cp", classpath, "ColdStart", "--child", mode);
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains("RESULT ")) {
            throw new IllegalStateException(mode + " failed:\n" + out);
        }
        String[] parts = out.substring(out.indexOf("RESULT ") + 7).trim().split("\\s+");
        long init = Long.parseLong(parts[0]);
        long first = Long.parseLong(parts[1]);
        return new long[] {init, first, init + first};
    }

    private static final int WARM_UP = 200;
    private static final int WARM_REQUESTS = 2000;

    /**
     * A fresh Lambda-flagged JVM that builds the ingest handler, runs its SnapStart priming hook, and
     * times its first real request: what a function restored from a primed snapshot does first.
     */
    private static double primedFirstRequest(String classpath, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx460m",
                "-cp", classpath, "ColdStart", "--child", "ingest-primed");
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains("PRIMED ")) {
            throw new IllegalStateException("ingest-primed failed:\n" + out);
        }
        return Double.parseDouble(out.substring(out.indexOf("PRIMED ") + 7).trim().split("\\s+")[0]);
    }

    /** A child with the default JIT that reports the p50 and p99 of warm requests, in ms. */
    private static double[] warm(String classpath, Map<String, String> env, String mode) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "ColdStart", "--child", mode);
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains("WARM ")) {
            throw new IllegalStateException(mode + " failed:\n" + out);
        }
        String[] parts = out.substring(out.indexOf("WARM ") + 5).trim().split("\\s+");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
    }

    private static void warmChild(Runnable request) {
        for (int i = 0; i < WARM_UP; i++) {
            request.run();
        }
        long[] nanos = new long[WARM_REQUESTS];
        for (int i = 0; i < WARM_REQUESTS; i++) {
            long start = System.nanoTime();
            request.run();
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf(java.util.Locale.ROOT, "WARM %.3f %.3f%n", nanos[WARM_REQUESTS / 2] / 1e6,
                nanos[WARM_REQUESTS * 99 / 100] / 1e6);
    }

    /** In the child JVM: init, then one request, both timed from this JVM's start. */
    private static void child(String mode) throws Exception {
        if (mode.equals("ingest-primed")) {
            IngestHandler handler = new IngestHandler();
            handler.prime();
            long before = System.nanoTime();
            APIGatewayProxyResponseEvent response = handler.handleRequest(alert(), null);
            double ms = (System.nanoTime() - before) / 1e6;
            if (response.getStatusCode() != 202) {
                throw new IllegalStateException("ingest answered " + response.getStatusCode());
            }
            System.out.printf(java.util.Locale.ROOT, "PRIMED %.3f%n", ms);
            return;
        }
        if (mode.endsWith("-warm")) {
            String base = mode.substring(0, mode.length() - "-warm".length());
            warmChild(request(base));
            return;
        }
        Instant start = ProcessHandle.current().info().startInstant().orElseThrow();
        Runnable firstRequest = request(mode);
        long init = Duration.between(start, Instant.now()).toMillis();
        Instant before = Instant.now();
        firstRequest.run();
        long first = Duration.between(before, Instant.now()).toMillis();
        System.out.println("RESULT " + init + " " + first);
    }

    /** Does the mode's init (building the client or the handler) and returns its request. */
    private static Runnable request(String mode) {
        Runnable firstRequest;
        switch (mode) {
            case "hello" -> firstRequest = () -> System.out.print("");
            case "sdk" -> {
                DynamoDbClient client = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                firstRequest = () -> client.putItem(b -> b.tableName(System.getenv("TABLE_NAME"))
                        .item(Map.of("pk", AttributeValue.fromS("BENCH#" + System.nanoTime()), "sk", AttributeValue.fromS("x"))));
            }
            case "ingest" -> {
                IngestHandler handler = new IngestHandler();
                firstRequest = () -> {
                    APIGatewayProxyResponseEvent response = handler.handleRequest(alert(), null);
                    if (response.getStatusCode() != 202) {
                        throw new IllegalStateException("ingest answered " + response.getStatusCode() + " " + response.getBody());
                    }
                };
            }
            default -> throw new IllegalArgumentException(mode);
        }
        return firstRequest;
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

    private static long median(List<long[]> samples, int column) {
        List<Long> values = new ArrayList<>();
        samples.forEach(s -> values.add(s[column]));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    /** Secrets Manager has no local engine: answer GetSecretValue with the benchmark's key. */
    private static HttpServer secretsManager() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:bench\",\"Name\":\"bench\","
                    + "\"SecretString\":\"" + SECRET + "\",\"VersionId\":\"1\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    @SuppressWarnings("unchecked") // the SDK's varargs of Consumer builders
    private static String createTable(int port) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        client.createTable(b -> b.tableName("incidents").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                        d -> d.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        return "incidents";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("dynalite did not start on port " + port);
    }
}
