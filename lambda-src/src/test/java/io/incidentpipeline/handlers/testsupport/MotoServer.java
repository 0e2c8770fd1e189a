package io.incidentpipeline.handlers.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A real Secrets Manager API for the tests: moto's server ({@code python3 -m moto.server}, with
 * version stages, {@code AWSPREVIOUS} included) on a free loopback port. Each instance is its own
 * process, so a test can stop it to see Secrets Manager become unreachable.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final SecretsManagerClient client;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Starts a server; it listens within seconds. */
    public static MotoServer start() {
        int port = Dynalite.freePort();
        Path log = Path.of("target", "moto-" + port + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p",
                    Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            awaitPort(process, port, log);
            MotoServer server = new MotoServer(process, port);
            // moto loads a service's backend on its first request (seconds on a busy machine): not in a test's timing.
            server.client.listSecrets(b -> b.maxResults(1));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start moto (python3 -m moto.server; pip install 'moto[server]')", e);
        }
    }

    /** @return a Secrets Manager client of this server */
    public SecretsManagerClient secretsManager() {
        return client;
    }

    /** Stops the server: its clients' calls fail from now on, as when Secrets Manager is unreachable. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitPort(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited at start:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto did not listen on port " + port + " within 20 s:\n" + Files.readString(log));
    }
}
