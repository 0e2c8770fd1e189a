package io.incidentpipeline.handlers.testsupport;

import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.store.Tallies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A real DynamoDB-API engine for the tests: dynalite, from the repository's {@code node_modules},
 * on a free loopback port. Clients reach it the way the handlers are configured in production,
 * through the SDK's standard settings (here the {@code aws.*} system properties).
 */
public final class Dynalite implements AutoCloseable {
    /** The region the tests run in. */
    public static final String REGION = "us-east-1";
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final Process process;
    private final int port;
    private final DynamoDbClient client;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    static Dynalite start() {
        Path cli = findCli();
        int port = freePort();
        Path log = Path.of("target", "dynalite.log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("node", cli.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // A run interrupted before the extension store closes must not leave dynalite behind.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            awaitPort(process, port, log);
            System.setProperty("aws.region", REGION);
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            System.setProperty("aws.endpointUrlDynamoDb", "http://127.0.0.1:" + port);
            return new Dynalite(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start dynalite (is node on the PATH?)", e);
        }
    }

    /** @return a client of this engine, built from the standard settings */
    public DynamoDbClient client() {
        return client;
    }

    /** @return the engine's endpoint */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * @return a client whose endpoint is a loopback port nothing listens on: a table that is down.
     *         Its calls give up after one second (DynamoDB's default of nine attempts would make
     *         every such test wait seconds for the same answer).
     */
    public static DynamoDbClient unreachableClient() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + freePort()))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(1)))
                .build();
    }

    /** @return the name of a new, empty incident table */
    public String createIncidentTable() {
        return createIncidentTable("incidents-" + TABLES.incrementAndGet());
    }

    /** The attributes the listing indexes project (docs/CONTRACTS.md, "Table"). */
    private static final List<String> SUMMARY = List.of("incidentId", "title", "severity", "service", "source",
            "status", "openedAt");

    /** Creates the incident table exactly as docs/CONTRACTS.md describes it. @return its name */
    public String createIncidentTable(String name) {
        client.createTable(b -> b
                .tableName(name)
                .attributeDefinitions(
                        attribute("pk"), attribute("sk"), attribute("gsi1pk"), attribute("gsi1sk"),
                        attribute("gsi2pk"), attribute("incidentId"), attribute("due"), attribute("dueAt"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(
                        index -> index
                                .indexName("byStatus")
                                .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(SUMMARY)),
                        index -> index
                                .indexName("byService")
                                .keySchema(key("gsi2pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(SUMMARY)),
                        index -> index
                                .indexName("byId")
                                .keySchema(key("incidentId", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)),
                        index -> index
                                .indexName("byDue")
                                .keySchema(key("due", KeyType.HASH), key("dueAt", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.describeTable(b -> b.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Table " + name + " did not become ACTIVE in dynalite");
            }
            sleep(Duration.ofMillis(5));
        }
        return name;
    }

    /**
     * @return the current incident of every fingerprint (the {@code FP#…/INCIDENT} items; a Scan:
     *         fine in tests, never in handlers), with their tallies added as the handlers show them
     */
    public List<Incident> currentIncidents(String table) {
        Tallies tallies = new Tallies(client, table);
        return client.scan(b -> b.tableName(table)).items().stream()
                .filter(item -> ItemKeys.isIncident(item.get(ItemKeys.PK).s(), item.get(ItemKeys.SK).s()))
                .map(item -> tallies.overlay(Incident.fromItem(item)))
                .toList();
    }

    /** @return how many items the table holds (a Scan: fine in tests, never in handlers) */
    public int itemCount(String table) {
        return client.scan(b -> b.tableName(table).select("COUNT")).count();
    }

    /** @return the item with this key, or an empty map */
    public Map<String, AttributeValue> item(String table, Map<String, AttributeValue> key) {
        return client.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Path findCli() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path cli = dir.resolve("node_modules").resolve("dynalite").resolve("cli.js");
            if (Files.isRegularFile(cli)) {
                return cli;
            }
        }
        throw new IllegalStateException("dynalite is not installed: no node_modules/dynalite/cli.js in "
                + System.getProperty("user.dir") + " or above it. Run `npm ci` in the repo root.");
    }

    /** @return a loopback port nothing listens on (at the time of the call) */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitPort(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited at start:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(20));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("dynalite did not listen on port " + port + " within 10 s:\n"
                + Files.readString(log));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
