import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.ingest.HmacSignatureVerifier;
import io.incidentpipeline.handlers.ingest.IngestConfig;
import io.incidentpipeline.handlers.ingest.IngestHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An alert storm on one fingerprint: the real ingest handler records one maximal incident (every
 * field at its contract limit), then N duplicates of it from T threads at once, against dynalite.
 * Every DynamoDB call asks for {@code ReturnConsumedCapacity=TOTAL}; the capacity DynamoDB reports
 * is summed per call and per partition key, so the output shows what one duplicate costs on the
 * incident's item, on the busiest partition (the one that throttles in a storm) and in all, and the
 * ceiling that puts on duplicates per second of one fingerprint: DynamoDB serves at most 1,000 WCU and
 * 3,000 RCU per second per partition.
 *
 * <p>Uses only the handler's public API ({@code IngestHandler}, {@code IngestConfig}), so the same
 * file measures any revision of the handlers.
 */
public final class Storm {
    private static final String SECRET = "storm-benchmark-signing-key-0123456789abcdef";
    private static final int PARTITION_WCU = 1000;
    private static final int PARTITION_RCU = 3000;

    /** Capacity DynamoDB reported, per kind of partition key and operation. */
    private static final Map<String, DoubleAdder> WRITES = new ConcurrentHashMap<>();
    private static final Map<String, DoubleAdder> READS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** Capacity per partition key value: what each partition of the table took. */
    private static final Map<String, DoubleAdder> WRITES_PER_KEY = new ConcurrentHashMap<>();
    private static final Map<String, DoubleAdder> READS_PER_KEY = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int duplicates = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        try (LocalDynamoDb dynalite = LocalDynamoDb.start()) {
            DynamoDbClient client = client(dynalite.port(), new Metering());
            String table = LocalDynamoDb.createIncidentTable(client);
            IngestHandler handler = new IngestHandler(IngestConfig.fromEnvironment(Map.of("TABLE_NAME", table,
                    "ALERT_SOURCES", "generic", "ALERT_SECRET_ARNS", "generic=arn:storm")), client, arn -> SECRET,
                    Clock.systemUTC());
            String body = maximalAlert();
            expect(handler.handleRequest(alert(body), null), 202);
            Map<String, AttributeValue> incident = client.scan(b -> b.tableName(table)).items().stream()
                    .filter(item -> item.get("pk").s().startsWith("FP#")).findFirst().orElseThrow();
            int itemBytes = itemBytes(incident);
            WRITES.clear();
            READS.clear();
            CALLS.clear();
            WRITES_PER_KEY.clear();
            READS_PER_KEY.clear();

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger serverErrors = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < duplicates; i++) {
                sent.add(pool.submit(() -> {
                    int status = handler.handleRequest(alert(body), null).getStatusCode();
                    if (status >= 500) {
                        serverErrors.incrementAndGet();
                    } else if (status != 202) {
                        throw new IllegalStateException("duplicate answered " + status);
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();

            Map<String, AttributeValue> after = client.getItem(b -> b.tableName(table).key(Map.of("pk", incident.get("pk"),
                    "sk", incident.get("sk"))).consistentRead(true)).item();
            report(duplicates, threads, itemBytes, serverErrors.get(), seconds, after);
        }
    }

    private static void report(int duplicates, int threads, int itemBytes, int serverErrors, double seconds,
            Map<String, AttributeValue> incident) {
        double fingerprintWcu = total(WRITES, "FP#") / duplicates;
        double allWcu = WRITES.values().stream().mapToDouble(DoubleAdder::sum).sum() / duplicates;
        double hotWcu = busiest(WRITES_PER_KEY) / duplicates;
        double hotRcu = busiest(READS_PER_KEY) / duplicates;
        System.out.printf("duplicates %d from %d threads in %.1f s against dynalite (%.0f/s here), 5xx: %d%n",
                duplicates, threads, seconds, duplicates / seconds, serverErrors);
        System.out.printf("incident item: %d bytes (%.1f KB), occurrences after the storm: %s%n", itemBytes,
                itemBytes / 1024.0, incident.containsKey("occurrences") ? incident.get("occurrences").n() : "(counted apart)");
        System.out.println("capacity DynamoDB reported, per duplicate (ReturnConsumedCapacity=TOTAL):");
        CALLS.keySet().stream().sorted().forEach(call -> System.out.printf("  %-28s calls %6.2f  WCU %6.2f  RCU %6.2f%n",
                call, CALLS.get(call).get() / (double) duplicates,
                WRITES.getOrDefault(call, new DoubleAdder()).sum() / duplicates,
                READS.getOrDefault(call, new DoubleAdder()).sum() / duplicates));
        System.out.printf("WCU per duplicate on the incident's item: %.2f; on the busiest partition: %.2f;"
                + " in all: %.2f%n", fingerprintWcu, hotWcu, allWcu);
        System.out.printf("RCU per duplicate on the busiest partition: %.2f%n", hotRcu);
        double writeCeiling = hotWcu == 0 ? Double.POSITIVE_INFINITY : PARTITION_WCU / hotWcu;
        double readCeiling = hotRcu == 0 ? Double.POSITIVE_INFINITY : PARTITION_RCU / hotRcu;
        System.out.printf("ceiling per fingerprint: %.0f duplicates/s (busiest partition: writes %.0f/s at %d WCU/s,"
                + " reads %.0f/s at %d RCU/s)%n", Math.min(writeCeiling, readCeiling), writeCeiling, PARTITION_WCU, readCeiling,
                PARTITION_RCU);
    }

    private static double busiest(Map<String, DoubleAdder> perKey) {
        return perKey.values().stream().mapToDouble(DoubleAdder::sum).max().orElse(0);
    }

    private static double total(Map<String, DoubleAdder> capacity, String keyPrefix) {
        return capacity.entrySet().stream().filter(e -> e.getKey().endsWith(" " + keyPrefix))
                .mapToDouble(e -> e.getValue().sum()).sum();
    }

    /** Asks every call for its consumed capacity and books it under the call and its key's kind. */
    private static final class Metering implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof UpdateItemRequest update) {
                return update.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (request instanceof PutItemRequest put) {
                return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (request instanceof GetItemRequest get) {
                return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return request;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            Object response = context.response();
            if (request instanceof UpdateItemRequest update && response instanceof UpdateItemResponse answer) {
                book("UpdateItem", update.key(), answer.consumedCapacity(), true);
            } else if (request instanceof PutItemRequest put && response instanceof PutItemResponse answer) {
                book("PutItem", put.item(), answer.consumedCapacity(), true);
            } else if (request instanceof GetItemRequest get && response instanceof GetItemResponse answer) {
                book("GetItem", get.key(), answer.consumedCapacity(), false);
            }
        }

        private static void book(String operation, Map<String, AttributeValue> key, ConsumedCapacity capacity,
                boolean write) {
            String call = operation + " " + kind(key);
            CALLS.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
            if (capacity != null && capacity.capacityUnits() != null) {
                (write ? WRITES : READS).computeIfAbsent(call, c -> new DoubleAdder()).add(capacity.capacityUnits());
                (write ? WRITES_PER_KEY : READS_PER_KEY).computeIfAbsent(key.get("pk").s(), c -> new DoubleAdder())
                        .add(capacity.capacityUnits());
            }
        }

        /** @return the kind of partition key: its prefix up to the first '#' ({@code FP#}, {@code TALLY#}, …) */
        private static String kind(Map<String, AttributeValue> key) {
            String pk = key.get("pk").s();
            int hash = pk.indexOf('#');
            return hash < 0 ? pk : pk.substring(0, hash + 1);
        }
    }

    /** @return a generic alert with every field at the contract's limit (docs/CONTRACTS.md) */
    private static String maximalAlert() {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String name = String.format("label-%02d-", i) + "n".repeat(119);
            labels.append(i == 0 ? "" : ",").append('"').append(name).append("\":\"").append("v".repeat(256)).append('"');
        }
        return "{\"title\":\"" + "t".repeat(256) + "\",\"severity\":\"critical\",\"service\":\"" + "s".repeat(128)
                + "\",\"category\":\"" + "c".repeat(128) + "\",\"dedupKey\":\"" + "k".repeat(256)
                + "\",\"description\":\"" + "d".repeat(4096) + "\",\"labels\":{" + labels + "}}";
    }

    /** @return a signed POST of {@code body}, with a delivery id of its own (handlers that know none ignore it) */
    private static APIGatewayProxyRequestEvent alert(String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST").withResource("/alerts/{source}").withPath("/alerts/generic")
                .withPathParameters(Map.of("source", "generic"))
                .withHeaders(Map.of("Content-Type", "application/json", "X-Incident-Delivery-Id", UUID.randomUUID().toString(),
                        HmacSignatureVerifier.TIMESTAMP_HEADER, timestamp,
                        HmacSignatureVerifier.SIGNATURE_HEADER, HmacSignatureVerifier.signatureHeader(SECRET, timestamp,
                                body.getBytes(StandardCharsets.UTF_8))))
                .withBody(body).withIsBase64Encoded(false);
    }

    /** @return the item's size as DynamoDB counts it: attribute names and values in UTF-8 bytes */
    private static int itemBytes(Map<String, AttributeValue> item) {
        int bytes = 0;
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(entry.getValue());
        }
        return bytes;
    }

    private static int valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return (value.n().length() + 1) / 2 + 1;
        }
        if (value.hasM()) {
            return 3 + value.m().entrySet().stream()
                    .mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue()) + 1).sum();
        }
        return 1;
    }

    private static void expect(APIGatewayProxyResponseEvent response, int status) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.getStatusCode() + ": " + response.getBody());
        }
    }

    private static DynamoDbClient client(int port, ExecutionInterceptor metering) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("storm", "storm")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(metering))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
    }
}
