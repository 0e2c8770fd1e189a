package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * moto's server mode ({@code python3 -m moto.server}), the local AWS engine: started on a free
 * loopback port, stopped by its own process id. Requests carry a SigV4-shaped {@code Authorization}
 * header (moto routes by its credential scope and does not check signatures) and go through one HTTP
 * client with bounded timeouts.
 */
public final class Moto implements AutoCloseable {
    /** The account moto answers as; resolved {@code AWS::AccountId} everywhere. */
    public static final String ACCOUNT = "123456789012";
    /** How users install it; printed wherever moto is missing. */
    public static final String INSTALL_HINT = "pip install 'moto[server]'";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final URI endpoint;
    private final String region;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Moto(Process process, URI endpoint, String region) {
        this.process = process;
        this.endpoint = endpoint;
        this.region = region;
    }

    /** @return whether {@code python3 -m moto.server} can run here (the server extra installed) */
    public static boolean isInstalled() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import moto.server, flask, werkzeug")
                    .redirectErrorStream(true).start();
            probe.getOutputStream().close();
            if (!probe.waitFor(20, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts moto on a free loopback port and waits (bounded) until it answers.
     *
     * @param region the region requests are scoped to
     * @param log    where moto's own output goes
     */
    public static Moto start(String region, Path log) {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalRuntimeException("moto could not start (python3 -m moto.server): " + e.getMessage()
                    + ". Install it with " + INSTALL_HINT + ".", e);
        }
        Moto moto = new Moto(process, URI.create("http://127.0.0.1:" + port), region);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!moto.answers()) {
            if (!process.isAlive()) {
                throw new LocalRuntimeException("moto exited with status " + process.exitValue() + " before it answered on port "
                        + port + "; see " + log + ". Install it with " + INSTALL_HINT + ".");
            }
            if (System.nanoTime() > deadline) {
                moto.close();
                throw new LocalRuntimeException("moto did not answer on port " + port + " within " + START_TIMEOUT.toSeconds()
                        + " s; see " + log);
            }
            sleep(100);
        }
        return moto;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the endpoint handlers get as {@code AWS_ENDPOINT_URL} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return moto's process id */
    public long pid() {
        return process.pid();
    }

    /**
     * Calls an action of a JSON-protocol service.
     *
     * @param service the SigV4 service name ({@code dynamodb}, {@code events}, {@code sqs}, {@code secretsmanager})
     * @param target  the {@code X-Amz-Target}, e.g. {@code DynamoDB_20120810.PutItem}
     * @param body    the request (anything Jackson writes)
     * @return the answer
     * @throws LocalRuntimeException naming the action when moto answers with an error
     */
    public JsonNode json(String service, String target, Object body) {
        String version = service.equals("dynamodb") || service.equals("sqs") ? "1.0" : "1.1";
        try {
            HttpRequest request = request(service, "/")
                    .header("X-Amz-Target", target)
                    .header("Content-Type", "application/x-amz-json-" + version)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = send(request, target);
            if (response.statusCode() >= 300) {
                throw new LocalRuntimeException(target + " failed in moto (" + response.statusCode() + "): " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a new JSON object to fill as a request */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * Calls an action of a Query-protocol service (SNS, EC2).
     *
     * @param service    the SigV4 service name
     * @param action     the action
     * @param version    the API version
     * @param parameters the action's parameters
     * @return the XML answer
     */
    public String query(String service, String action, String version, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", version);
        form.putAll(parameters);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = request(service, "/")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request, service + " " + action);
        if (response.statusCode() >= 300) {
            throw new LocalRuntimeException(service + " " + action + " failed in moto (" + response.statusCode() + "): " + response.body());
        }
        return response.body();
    }

    /**
     * Calls a REST-protocol service (S3) with path-style addressing.
     *
     * @return the answer, whatever its status
     */
    public HttpResponse<String> rest(String service, String method, String path, String body) {
        HttpRequest request = request(service, path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request, service + " " + method + " " + path);
    }

    private HttpRequest.Builder request(String service, String path) {
        String date = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        return HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/" + date + "/" + region + "/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0");
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LocalRuntimeException(what + ": moto at " + endpoint + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRuntimeException(what + ": interrupted", e);
        }
    }

    /** @return the text of the first {@code <tag>} element in {@code xml} */
    public static String xmlText(String xml, String tag) {
        Matcher matcher = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        if (!matcher.find()) {
            throw new LocalRuntimeException("no <" + tag + "> in moto's answer: " + xml);
        }
        return matcher.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Stops moto (its own process, by id), waiting a bounded time. */
    @Override
    public void close() {
        Processes.stop(process, "moto");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalRuntimeException("interrupted", e);
        }
    }
}
