package io.incidentpipeline.handlers.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.incidentpipeline.handlers.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * EventBridge's {@code PutEvents} and {@code DescribeEventBus}, served on a loopback port for a real
 * SDK client (EventBridge has no local engine: this is the tests' only stub). It speaks the
 * service's JSON protocol ({@code X-Amz-Target: AWSEvents.<operation>}). {@code PutEvents} answers
 * per entry with an {@code EventId} or an {@code ErrorCode}, and keeps every accepted event as the
 * envelope EventBridge would deliver, also written to {@link ContractEvents}. {@code DescribeEventBus}
 * (the health check's bus probe) describes any bus, or fails on demand.
 */
public final class EventBridgeStub implements AutoCloseable {
    private static final String ACCOUNT = "123456789012";

    private final HttpServer server;
    private final List<Integer> callSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, Object>> events = Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<Map<String, Object>> failing = detail -> false;
    private volatile boolean rejectCalls;
    private volatile boolean failDescribeEventBus;
    private final AtomicInteger describeCalls = new AtomicInteger();

    /** Starts the stub on a free loopback port. */
    public EventBridgeStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the endpoint to point an EventBridge client at */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes every entry whose {@code detail} matches fail with {@code InternalFailure}. */
    public void failEntriesWhere(Predicate<Map<String, Object>> detail) {
        failing = detail;
    }

    /** Makes every PutEvents call fail as a whole (HTTP 400 AccessDeniedException, which the SDK does not retry). */
    public void rejectCalls(boolean reject) {
        rejectCalls = reject;
    }

    /**
     * Makes every DescribeEventBus call fail with HTTP 500 InternalException, an error the SDK
     * would retry unless told not to.
     */
    public void failDescribeEventBus(boolean fail) {
        failDescribeEventBus = fail;
    }

    /** @return how many DescribeEventBus calls were answered (the health check's bus probe) */
    public int describeCalls() {
        return describeCalls.get();
    }

    /** @return the number of entries of each PutEvents call that was answered, in order */
    public List<Integer> callSizes() {
        return List.copyOf(callSizes);
    }

    /** @return the accepted events, as delivered envelopes, in order */
    public List<Map<String, Object>> events() {
        return List.copyOf(events);
    }

    /** @return the {@code detail-type}s of the accepted events, in order */
    public List<String> detailTypes() {
        return events().stream().map(e -> (String) e.get("detail-type")).toList();
    }

    /** @return the {@code detail} of the accepted events, in order */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> details() {
        return events().stream().map(e -> (Map<String, Object>) e.get("detail")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if ("AWSEvents.DescribeEventBus".equals(target)) {
            describeCalls.incrementAndGet();
            if (failDescribeEventBus) {
                respond(exchange, 500, Map.of("__type", "InternalException", "message", "stubbed DescribeEventBus failure"));
            } else {
                respond(exchange, 200, Map.of("Name", "incidents", "Arn",
                        "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/incidents"));
            }
            return;
        }
        if (!"AWSEvents.PutEvents".equals(target)) {
            respond(exchange, 400, Map.of("__type", "UnknownOperationException", "message", "stub serves PutEvents and DescribeEventBus only, not " + target));
            return;
        }
        if (rejectCalls) {
            respond(exchange, 400, Map.of("__type", "AccessDeniedException", "message", "stubbed rejection"));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>)
                ((Map<String, Object>) Json.read(new String(request, StandardCharsets.UTF_8))).get("Entries");
        callSizes.add(entries.size());
        List<Map<String, Object>> results = new ArrayList<>();
        int failed = 0;
        for (Map<String, Object> entry : entries) {
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = (Map<String, Object>) Json.read((String) entry.get("Detail"));
            if (failing.test(detail)) {
                failed++;
                results.add(Map.of("ErrorCode", "InternalFailure", "ErrorMessage", "stubbed entry failure"));
                continue;
            }
            String eventId = UUID.randomUUID().toString();
            Map<String, Object> envelope = envelope(eventId, entry, detail);
            events.add(envelope);
            ContractEvents.write(envelope);
            results.add(Map.of("EventId", eventId));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("FailedEntryCount", failed);
        response.put("Entries", results);
        respond(exchange, 200, response);
    }

    private static Map<String, Object> envelope(String eventId, Map<String, Object> entry, Map<String, Object> detail) {
        Instant time = entry.get("Time") instanceof Number seconds
                ? Instant.ofEpochSecond((long) Math.floor(seconds.doubleValue()))
                : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("version", "0");
        envelope.put("id", eventId);
        envelope.put("detail-type", entry.get("DetailType"));
        envelope.put("source", entry.get("Source"));
        envelope.put("account", ACCOUNT);
        envelope.put("time", time.toString());
        envelope.put("region", Dynalite.REGION);
        envelope.put("resources", entry.get("Resources") == null ? List.of() : entry.get("Resources"));
        envelope.put("detail", detail);
        return envelope;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
