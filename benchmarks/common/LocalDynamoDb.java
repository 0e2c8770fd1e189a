import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * dynalite (from the project's `npm ci`) on a free loopback port, and the incident table as the
 * constructs create it (docs/CONTRACTS.md, "Table"): shared by the benchmarks, so each measures
 * against the table the handlers meet in AWS, its four indexes included.
 */
final class LocalDynamoDb implements AutoCloseable {
    private final int port;
    private final Process process;

    private LocalDynamoDb(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts dynalite and waits until it accepts connections (at most 5 s). */
    static LocalDynamoDb start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("node", "node_modules/dynalite/cli.js", "--port", String.valueOf(port),
                "--createTableMs", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return new LocalDynamoDb(port, process);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IllegalStateException("dynalite did not start on port " + port);
    }

    int port() {
        return port;
    }

    /** Creates the incident table: keys, the byStatus, byService, byId and byDue indexes, the stream. @return its name */
    @SuppressWarnings("unchecked") // the SDK's varargs of Consumer builders
    static String createIncidentTable(DynamoDbClient client) {
        List<String> summary = List.of("incidentId", "title", "severity", "service", "source", "status", "openedAt");
        client.createTable(b -> b.tableName("incidents").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Arrays.stream(new String[] {"pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "incidentId",
                        "due", "dueAt"})
                        .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S)
                                .build()).toList())
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(
                        i -> i.indexName("byStatus").keySchema(k -> k.attributeName("gsi1pk").keyType(KeyType.HASH),
                                        k -> k.attributeName("gsi1sk").keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(summary)),
                        i -> i.indexName("byService").keySchema(k -> k.attributeName("gsi2pk").keyType(KeyType.HASH),
                                        k -> k.attributeName("gsi1sk").keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(summary)),
                        i -> i.indexName("byId").keySchema(k -> k.attributeName("incidentId").keyType(KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)),
                        i -> i.indexName("byDue").keySchema(k -> k.attributeName("due").keyType(KeyType.HASH),
                                        k -> k.attributeName("dueAt").keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        return "incidents";
    }

    @Override
    public void close() {
        process.destroy();
    }
}
