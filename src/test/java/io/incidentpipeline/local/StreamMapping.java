package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.event.ruler.Machine;

/**
 * A DynamoDB stream event source mapping ({@code AWS::Lambda::EventSourceMapping}) as Lambda runs
 * it: reads the table's stream from moto, drops the records its {@code FilterCriteria} do not match
 * (evaluated with AWS's Event Ruler), invokes the function with batches of up to {@code BatchSize}
 * records in order, and on failure retries from the first failed record (reported batch item
 * failures), bisecting the batch on a function error when {@code BisectBatchOnFunctionError} is on,
 * up to {@code MaximumRetryAttempts}; then sends Lambda's batch record to the on-failure destination
 * and moves on. Retries wait 100 ms × attempt (Lambda backs off for seconds).
 */
final class StreamMapping implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The mapping's settings, resolved from the template. */
    record Config(String logicalId, String streamArn, int batchSize, boolean bisect, int maximumRetryAttempts,
            boolean reportItemFailures, String onFailure, List<String> filters, boolean latest) {
    }

    private final Config config;
    private final LocalFunction function;
    private final Moto moto;
    private final Destinations destinations;
    private final HopLog log;
    private final Machine filter = Machine.builder().build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger busy = new AtomicInteger();

    StreamMapping(Config config, LocalFunction function, Moto moto, Destinations destinations, HopLog log) {
        this.config = config;
        this.function = function;
        this.moto = moto;
        this.destinations = destinations;
        this.log = log;
        try {
            for (int i = 0; i < config.filters().size(); i++) {
                filter.addRule("filter" + i, config.filters().get(i));
            }
        } catch (Exception e) {
            throw new LocalRuntimeException(config.logicalId() + ": FilterCriteria pattern is not valid: " + e.getMessage(), e);
        }
    }

    /** @return whether a batch is being processed */
    boolean busy() {
        return busy.get() > 0;
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void run() {
        Set<String> iterating = new HashSet<>();
        List<String[]> iterators = new ArrayList<>();
        for (long round = 0; running.get(); round++) {
            try {
                // A shard that appears later gets an iterator too; looked for every 2 s or so, not every poll.
                JsonNode shards = round % 10 != 0 ? Moto.object().arrayNode() : moto.json("dynamodb",
                        "DynamoDBStreams_20120810.DescribeStream", Moto.object().put("StreamArn", config.streamArn()))
                        .path("StreamDescription").path("Shards");
                for (JsonNode shard : shards) {
                    String shardId = shard.path("ShardId").asText();
                    if (iterating.add(shardId)) {
                        String iterator = moto.json("dynamodb", "DynamoDBStreams_20120810.GetShardIterator", Moto.object()
                                .put("StreamArn", config.streamArn()).put("ShardId", shardId)
                                .put("ShardIteratorType", config.latest() ? "LATEST" : "TRIM_HORIZON")).path("ShardIterator").asText();
                        iterators.add(new String[] {shardId, iterator});
                    }
                }
                boolean any = false;
                for (String[] shard : iterators) {
                    JsonNode page = moto.json("dynamodb", "DynamoDBStreams_20120810.GetRecords",
                            Moto.object().put("ShardIterator", shard[1]).put("Limit", 1000));
                    shard[1] = page.path("NextShardIterator").asText(shard[1]);
                    List<JsonNode> matched = new ArrayList<>();
                    for (JsonNode record : page.path("Records")) {
                        ((ObjectNode) record).put("eventSourceARN", config.streamArn());
                        if (matches(record)) {
                            matched.add(record);
                        }
                    }
                    any |= page.path("Records").size() > 0;
                    busy.incrementAndGet();
                    try {
                        for (int from = 0; from < matched.size(); from += config.batchSize()) {
                            process(shard[0], matched.subList(from, Math.min(from + config.batchSize(), matched.size())), 0);
                        }
                    } finally {
                        busy.decrementAndGet();
                    }
                }
                if (!any) {
                    Moto.sleep(200);
                }
            } catch (LocalRuntimeException e) {
                if (running.get()) {
                    log.hop("error", "stream " + config.logicalId() + ": " + e.getMessage());
                    Moto.sleep(1000);
                }
            }
        }
    }

    private boolean matches(JsonNode record) {
        if (config.filters().isEmpty()) {
            return true;
        }
        try {
            return !filter.rulesForJSONEvent(record.toString()).isEmpty();
        } catch (Exception e) {
            throw new LocalRuntimeException("stream record not readable by Event Ruler: " + e.getMessage(), e);
        }
    }

    /** Invokes {@code batch} until it succeeds or its retries are spent. */
    private void process(String shardId, List<JsonNode> batch, int attempt) {
        if (!running.get() || batch.isEmpty()) {
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(records::add);
        LocalFunction.Result result = function.invoke(event.toString());
        String what = describe(batch);
        if (result.error()) {
            log.hop("stream", what + " → " + function.spec().logicalId() + ": FAILED "
                    + HopLog.shorten(AsyncInvoker.errorMessage(result.payload()), 160) + " (" + result.millis() + " ms)");
            if (config.bisect() && batch.size() > 1) {
                int half = batch.size() / 2;
                process(shardId, batch.subList(0, half), attempt);
                process(shardId, batch.subList(half, batch.size()), attempt);
                return;
            }
            retryOrGiveUp(shardId, batch, attempt, result);
            return;
        }
        int failedAt = config.reportItemFailures() ? firstFailure(batch, AsyncInvoker.parse(result.payload())) : -1;
        if (failedAt < 0) {
            log.hop("stream", what + " → " + function.spec().logicalId() + " ok (" + result.millis() + " ms)");
            return;
        }
        log.hop("stream", what + " → " + function.spec().logicalId() + ": item failure at "
                + batch.get(failedAt).path("dynamodb").path("SequenceNumber").asText() + " (" + result.millis() + " ms)");
        retryOrGiveUp(shardId, batch.subList(failedAt, batch.size()), attempt, result);
    }

    private void retryOrGiveUp(String shardId, List<JsonNode> remaining, int attempt, LocalFunction.Result result) {
        if (attempt < config.maximumRetryAttempts()) {
            Moto.sleep(100L * (attempt + 1));
            process(shardId, remaining, attempt + 1);
            return;
        }
        if (config.onFailure() == null) {
            log.hop("failed", describe(remaining) + ": retries exhausted; no on-failure destination, skipped as in AWS");
            return;
        }
        destinations.deliver(config.onFailure(), batchRecord(shardId, remaining, attempt + 1, result),
                describe(remaining) + ": " + (attempt + 1) + " attempts failed (on-failure destination)");
    }

    /** @return the index of the first record the answer reports failed, 0 for an answer Lambda treats as all failed, -1 for none */
    private static int firstFailure(List<JsonNode> batch, JsonNode answer) {
        JsonNode failures = answer.path("batchItemFailures");
        if (!failures.isArray() || failures.isEmpty()) {
            return answer.isNull() || answer.isObject() ? -1 : 0;
        }
        int first = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).path("dynamodb").path("SequenceNumber").asText().equals(id)) {
                    index = i;
                }
            }
            if (index < 0) {
                return 0; // an unknown or empty identifier fails the whole batch, as in Lambda
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private JsonNode batchRecord(String shardId, List<JsonNode> batch, int invokeCount, LocalFunction.Result result) {
        ObjectNode record = JSON.createObjectNode();
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", function.spec().arn());
        request.put("condition", "RetryAttemptsExhausted");
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (result.error()) {
            response.put("functionError", "Unhandled");
        }
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode info = record.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.get(0).path("dynamodb").path("SequenceNumber").asText());
        info.put("endSequenceNumber", batch.get(batch.size() - 1).path("dynamodb").path("SequenceNumber").asText());
        info.put("approximateArrivalOfFirstRecord", arrival(batch.get(0)));
        info.put("approximateArrivalOfLastRecord", arrival(batch.get(batch.size() - 1)));
        info.put("batchSize", batch.size());
        info.put("streamArn", config.streamArn());
        return record;
    }

    private static String arrival(JsonNode record) {
        double seconds = record.path("dynamodb").path("ApproximateCreationDateTime").asDouble(0);
        return Instant.ofEpochMilli((long) (seconds * 1000)).toString();
    }

    private static String describe(List<JsonNode> batch) {
        if (batch.size() == 1) {
            JsonNode record = batch.get(0);
            JsonNode keys = record.path("dynamodb").path("Keys");
            return record.path("eventName").asText() + " " + keys.path("pk").path("S").asText(keys.toString())
                    + (keys.has("sk") ? " " + keys.path("sk").path("S").asText() : "");
        }
        return batch.size() + " records";
    }
}
