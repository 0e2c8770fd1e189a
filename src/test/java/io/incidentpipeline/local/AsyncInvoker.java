package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's asynchronous invocation (how EventBridge and SNS invoke functions): the event is queued
 * per function, retried after a function error up to the function's {@code MaximumRetryAttempts}
 * ({@code AWS::Lambda::EventInvokeConfig}, default 2), then sent to its on-failure destination, or
 * to the function's dead-letter queue, with the record Lambda writes. Retries wait 1 s, then 2 s
 * (Lambda waits about 1 and 2 minutes), so failures surface in seconds.
 */
final class AsyncInvoker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the template says about a function's asynchronous invocations. */
    record Config(int maximumRetryAttempts, String onFailure, String onSuccess, String deadLetterQueue) {
        static final Config DEFAULT = new Config(2, null, null, null);
    }

    private final Destinations destinations;
    private final HopLog log;
    private final Map<String, ExecutorService> queues = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    AsyncInvoker(Destinations destinations, HopLog log) {
        this.destinations = destinations;
        this.log = log;
    }

    /** @return invocations accepted and not yet finished */
    int pending() {
        return pending.get();
    }

    /** Queues an asynchronous invocation of {@code function} with {@code payload}; {@code cause} names who invoked it. */
    void invoke(LocalFunction function, Config config, String payload, String cause) {
        pending.incrementAndGet();
        queues.computeIfAbsent(function.spec().name(),
                name -> Executors.newSingleThreadExecutor(LocalFunction.daemon(name + "-async")))
                .execute(() -> {
                    try {
                        run(function, config, payload, cause);
                    } catch (RuntimeException e) {
                        log.hop("error", "async invocation of " + function.spec().logicalId() + " (" + cause + "): " + e.getMessage());
                    } finally {
                        pending.decrementAndGet();
                    }
                });
    }

    private void run(LocalFunction function, Config config, String payload, String cause) {
        String requestId = UUID.randomUUID().toString();
        int attempts = 1 + config.maximumRetryAttempts();
        LocalFunction.Result result = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            result = function.invoke(payload);
            String verdict = result.error() ? "FAILED " + HopLog.shorten(errorMessage(result.payload()), 160) : "ok " + HopLog.shorten(result.payload(), 160);
            log.hop("invoke", function.spec().logicalId() + " ← " + cause + (attempt > 1 ? " (retry " + (attempt - 1) + ")" : "")
                    + ": " + verdict + " (" + result.millis() + " ms)");
            if (!result.error()) {
                if (config.onSuccess() != null) {
                    destinations.deliver(config.onSuccess(), record(function, requestId, payload, result, "Success", attempt),
                            function.spec().logicalId() + " succeeded");
                }
                return;
            }
            if (attempt < attempts) {
                Moto.sleep(1000L * attempt);
            }
        }
        if (config.onFailure() != null) {
            destinations.deliver(config.onFailure(), record(function, requestId, payload, result, "RetriesExhausted", attempts),
                    function.spec().logicalId() + " failed " + attempts + " times (on-failure destination)");
        } else if (config.deadLetterQueue() != null) {
            destinations.sendToQueue(config.deadLetterQueue(), payload, Map.of("RequestID", requestId,
                    "ErrorCode", "200", "ErrorMessage", errorMessage(result.payload())));
            log.hop("failed", function.spec().logicalId() + " failed " + attempts + " times → " + destinations.label(config.deadLetterQueue()));
        } else {
            log.hop("failed", function.spec().logicalId() + " failed " + attempts + " times; no destination: the event is dropped, as in AWS");
        }
    }

    /** @return the invocation record Lambda sends to a destination */
    private static JsonNode record(LocalFunction function, String requestId, String payload, LocalFunction.Result result,
            String condition, int invokeCount) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", requestId);
        request.put("functionArn", function.spec().arn() + ":$LATEST");
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", parse(payload));
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (result.error()) {
            response.put("functionError", "Unhandled");
        }
        record.set("responsePayload", parse(result.payload()));
        return record;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    static String errorMessage(String errorDocument) {
        JsonNode error = parse(errorDocument);
        return error.path("errorType").asText("") + ": " + error.path("errorMessage").asText(errorDocument);
    }

    @Override
    public void close() {
        queues.values().forEach(ExecutorService::shutdownNow);
        queues.values().forEach(queue -> {
            try {
                queue.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
