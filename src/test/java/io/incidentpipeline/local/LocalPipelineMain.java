package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code npm run local}: runs the synthesized stage in {@code cdk.out} on this machine until Ctrl-C,
 * after printing the API's routes, each alert URL and signing key (local, generated at start), and a
 * ready {@code curl} for a first signed alert. Every hop is one line on standard output; each
 * function's own log is a file in {@code target/local/}.
 *
 * <p>Arguments: the assembly directory (default {@code cdk.out}). System properties:
 * {@code local.port} (the API's port, default 3000; 0 picks a free one).
 */
public final class LocalPipelineMain {
    private LocalPipelineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path assembly = Path.of(args.length > 0 ? args[0] : "cdk.out");
        Path workDir = Path.of("target", "local");
        if (!Moto.isInstalled()) {
            System.err.println("moto (with its server extra) is not installed: " + Moto.INSTALL_HINT);
            System.exit(2);
        }
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(assembly, null,
                    new LocalPipeline.Options(workDir, Integer.getInteger("local.port", 3000), new HopLog(System.out), true, 1));
        } catch (LocalRuntimeException e) {
            System.err.println("local: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping: function JVMs " + pipeline.functions().stream().filter(f -> f.pid() > 0).map(f -> f.pid()).toList()
                    + ", moto " + pipeline.moto().pid());
            pipeline.close();
            stopped.countDown();
        }));
        System.out.println(banner(pipeline, workDir));
        stopped.await();
    }

    static String banner(LocalPipeline pipeline, Path workDir) {
        StringBuilder out = new StringBuilder("\n");
        out.append("Incident Pipeline running locally: stack ").append(pipeline.stack().name())
                .append(", AWS engine moto on ").append(pipeline.moto().endpoint()).append('\n');
        out.append("\nAPI ").append(pipeline.apiUrl()).append('\n');
        pipeline.routes().forEach(route -> out.append("  ").append(route).append('\n'));
        Map<String, String> urls = outputs(pipeline, "AlertUrl");
        Map<String, String> secrets = outputs(pipeline, "SigningSecret");
        Map<String, String> keys = new LinkedHashMap<>();
        pipeline.secretValues().forEach((logicalId, value) ->
                keys.put(pipeline.ref("AWS::SecretsManager::Secret", logicalId::equals), value));
        out.append("\nAlert URLs and signing keys (local keys, generated at start):\n");
        urls.forEach((source, url) -> out.append("  ").append(source.toLowerCase()).append(": ").append(url)
                .append("\n    key: ").append(keys.getOrDefault(secrets.get(source), "(see the source's secret)")).append('\n'));
        urls.entrySet().stream().findFirst().ifPresent(first -> {
            String key = keys.get(secrets.get(first.getKey()));
            out.append("\nA first signed alert (").append(first.getKey().toLowerCase()).append("; HMAC scheme in the README):\n")
                    .append("  body='{\"title\":\"Disk full on db-1\",\"severity\":\"critical\",\"service\":\"orders-db\",\"dedupKey\":\"db-1/disk\"}'; ts=$(date +%s); ")
                    .append("sig=$(printf '%s.%s' \"$ts\" \"$body\" | openssl dgst -sha256 -hmac '").append(key).append("' -hex | sed 's/^.* //'); ")
                    .append("curl -s ").append(first.getValue())
                    .append(" -H 'Content-Type: application/json' -H \"X-Incident-Timestamp: $ts\" -H \"X-Incident-Signature: sha256=$sig\" -d \"$body\"; echo\n");
        });
        out.append("\nThe operator API takes any caller locally (IAM is not enforced), e.g. curl -s ").append(pipeline.apiUrl()).append("/incidents\n");
        out.append("Each function's own log: ").append(workDir.toAbsolutePath()).append("/<LogicalId>.log; moto's: ").append(workDir.toAbsolutePath()).append("/moto.log\n");
        out.append("Ctrl-C stops everything this started.\n");
        return out.toString();
    }

    /** @return the stack outputs whose key starts with {@code prefix}, by the rest of the key, API URLs made local */
    static Map<String, String> outputs(LocalPipeline pipeline, String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        JsonNode outputs = pipeline.stack().templateJson().path("Outputs");
        outputs.properties().forEach(output -> {
            if (output.getKey().startsWith(prefix)) {
                found.put(output.getKey().substring(prefix.length()), pipeline.localOutput(output.getValue().path("Value")));
            }
        });
        return found;
    }
}
