package io.incidentpipeline.handlers.remediation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AWS service's fake on a free loopback port (the JDK's HTTP server), for a real client to call.
 * A failure inside the fake answers HTTP 500 with its message, so a test sees it rather than a hang.
 */
abstract class FakeAwsService implements AutoCloseable {
    private final HttpServer server;

    FakeAwsService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (RuntimeException e) {
                respond(exchange, 500, "application/xml", "<FakeFailure>" + escape(String.valueOf(e)) + "</FakeFailure>");
            }
        });
        server.start();
    }

    /** @return the endpoint to point a client at */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers one request. */
    abstract void handle(HttpExchange exchange) throws IOException;

    @Override
    public void close() {
        server.stop(0);
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** @return the parameters of a form-encoded body, in order */
    static Map<String, String> form(byte[] body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.isEmpty() ? new String[0] : text.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** @return {@code text} safe inside an XML element */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
