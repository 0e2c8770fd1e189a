package io.incidentpipeline.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda function of the template, run from its deployable jar in a JVM of its own (its own
 * environment variables, its static clients, its class path), started at the first invocation and
 * kept warm, like one Lambda execution environment: invocations run one at a time.
 *
 * <p>The JVM talks to this object through the Lambda Runtime API ({@code AWS_LAMBDA_RUNTIME_API} on a
 * loopback port), so {@link FunctionHost} is a Runtime API client like Lambda's own. An invocation
 * that outlives the function's timeout ends the JVM, as Lambda does, and the next one starts afresh.
 */
public final class LocalFunction implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Time allowed for the JVM to start and the handler to initialize (Lambda allows 10 s; a busy
     * 2-core machine starting several JVMs needs more), before the invocation's own timeout starts.
     */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

    private final FunctionSpec spec;
    private final String classPathExtras;
    private final Path logFile;
    private final Map<String, CompletableFuture<Result>> inFlight = new ConcurrentHashMap<>();
    // One Runtime API server and queue per JVM, so a long poll left by a JVM that died never takes the next event.
    private BlockingQueue<Pending> next;
    private HttpServer runtimeApi;
    private Process process;
    private volatile Result initError;
    // Completes when the JVM first asks for an event: its handler is initialized.
    private CompletableFuture<Void> ready;

    /** What the template says about a function, its values resolved to local ones. */
    public record FunctionSpec(String logicalId, String name, String arn, String handler, Path jar,
            Map<String, String> environment, int timeoutSeconds, int memoryMb) {
    }

    /**
     * The outcome of one invocation.
     *
     * @param payload the handler's answer, or Lambda's error document ({@code errorMessage}, {@code errorType})
     * @param error   whether the function failed (Lambda's {@code X-Amz-Function-Error: Unhandled})
     * @param millis  how long it took
     */
    public record Result(String payload, boolean error, long millis) {
        static Result failure(String type, String message) {
            return new Result("{\"errorType\":\"" + type + "\",\"errorMessage\":" + quote(message) + "}", true, 0);
        }
    }

    private record Pending(String requestId, String payload, long deadline) {
    }

    LocalFunction(FunctionSpec spec, String classPathExtras, Path logFile) {
        this.spec = spec;
        this.classPathExtras = classPathExtras;
        this.logFile = logFile;
    }

    /** @return the function as the template describes it */
    public FunctionSpec spec() {
        return spec;
    }

    /** @return the JVM's process id, if it runs */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /**
     * Invokes the function synchronously (RequestResponse), starting its JVM first if needed.
     *
     * @param payload the event, as JSON
     * @return the answer or the error; never throws for a function's failure
     */
    public synchronized Result invoke(String payload) {
        long start = System.nanoTime();
        if (process == null || !process.isAlive()) {
            start();
        }
        Optional<Result> notReady = awaitReady();
        if (notReady.isPresent()) {
            return notReady.get();
        }
        Duration limit = Duration.ofSeconds(spec.timeoutSeconds());
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Result> done = new CompletableFuture<>();
        inFlight.put(requestId, done);
        Process running = process;
        running.onExit().thenRun(() -> done.complete(initError != null ? initError
                : Result.failure("Runtime.ExitError", "Runtime exited with status " + running.exitValue())));
        next.add(new Pending(requestId, payload, System.currentTimeMillis() + limit.toMillis()));
        try {
            Result result = done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(result.payload(), result.error(), (System.nanoTime() - start) / 1_000_000);
        } catch (TimeoutException e) {
            stopProcess();
            return Result.failure("Sandbox.Timedout", "Task timed out after " + limit.toSeconds() + " seconds");
        } catch (ExecutionException e) {
            return Result.failure("Runtime.Unknown", String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failure("Runtime.Interrupted", "interrupted");
        } finally {
            inFlight.remove(requestId);
        }
    }

    /**
     * Starts the function's JVM now and waits (bounded) until its handler is initialized, as
     * provisioned concurrency would; the first invocation then finds it warm.
     *
     * @return the init error or timeout, if the function could not initialize
     */
    public synchronized Optional<Result> warm() {
        if (process == null || !process.isAlive()) {
            start();
        }
        return awaitReady();
    }

    /** @return empty once the JVM waits for events; else its init error, or a timeout after which the JVM is stopped */
    private Optional<Result> awaitReady() {
        try {
            ready.get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            stopProcess();
            return Optional.of(Result.failure("Sandbox.Timedout", "Init did not finish within " + INIT_TIMEOUT.toSeconds() + " seconds"));
        } catch (ExecutionException e) {
            Result error = initError != null ? initError : Result.failure("Runtime.ExitError", String.valueOf(e.getCause().getMessage()));
            stopProcess();
            return Optional.of(error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(Result.failure("Runtime.Interrupted", "interrupted"));
        }
    }

    private void start() {
        stopProcess();
        initError = null;
        CompletableFuture<Void> initialized = new CompletableFuture<>();
        ready = initialized;
        try {
            BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            next = queue;
            runtimeApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            runtimeApi.createContext("/2018-06-01/runtime/", exchange -> serve(exchange, queue, initialized));
            runtimeApi.setExecutor(Executors.newCachedThreadPool(daemon(spec.name() + "-runtime-api")));
            runtimeApi.start();
            List<String> command = new ArrayList<>(List.of(javaBinary(),
                    // Lambda's Java runtime flags: C1 only, serial GC, heap from the memory size
                    "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-Xmx" + Math.max(64, spec.memoryMb() * 85 / 100) + "m",
                    "-cp", spec.jar() + File.pathSeparator + classPathExtras,
                    FunctionHost.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(spec.environment());
            env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
            env.put("_HANDLER", spec.handler());
            Process started = builder.start();
            process = started;
            started.onExit().thenRun(() -> initialized.completeExceptionally(
                    new LocalRuntimeException("the JVM exited during init with status " + started.exitValue() + "; see " + logFile)));
            started.getOutputStream().close();
            pipe(process.getInputStream());
        } catch (IOException e) {
            throw new LocalRuntimeException("function " + spec.logicalId() + " could not start: " + e.getMessage(), e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void pipe(InputStream output) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                 PrintStream log = new PrintStream(Files.newOutputStream(logFile,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    log.println(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, spec.name() + "-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(HttpExchange exchange, BlockingQueue<Pending> queue, CompletableFuture<Void> initialized) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/2018-06-01/runtime/".length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("invocation/next")) {
            initialized.complete(null);
            Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", pending.requestId());
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(pending.deadline()));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", spec.arn());
            respond(exchange, 200, pending.payload().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("init/error")) {
            initError = new Result(new String(body, StandardCharsets.UTF_8), true, 0);
            initialized.completeExceptionally(new LocalRuntimeException("init error"));
            respond(exchange, 202, new byte[0]);
            return;
        }
        String[] parts = path.split("/");
        CompletableFuture<Result> done = parts.length == 3 ? inFlight.get(parts[1]) : null;
        if (done != null) {
            done.complete(new Result(new String(body, StandardCharsets.UTF_8), parts[2].equals("error"), 0));
        }
        respond(exchange, done == null ? 400 : 202, new byte[0]);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void stopProcess() {
        Processes.stop(process, "function " + spec.name());
        process = null;
        if (runtimeApi != null) {
            runtimeApi.stop(0);
            ((ExecutorService) runtimeApi.getExecutor()).shutdownNow();
            runtimeApi = null;
        }
    }

    /** Stops the function's JVM (by its own pid) and its Runtime API. */
    @Override
    public synchronized void close() {
        stopProcess();
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
