package io.incidentpipeline.handlers.testsupport;

import io.incidentpipeline.handlers.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The events the publisher really emitted, as full EventBridge envelopes, one file each in
 * {@code target/contract-events/<detail-type-kebab>-<n>.json}: the infrastructure tests match them
 * against the deployed rule patterns with Event Ruler (docs/CONTRACTS.md).
 */
public final class ContractEvents {
    /** Where the events go. */
    public static final Path DIRECTORY = Path.of(System.getProperty("user.dir"), "target", "contract-events");
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    static {
        // Start each run empty: files of an earlier run would vouch for events this run no longer emits.
        try {
            Files.createDirectories(DIRECTORY);
            try (Stream<Path> old = Files.list(DIRECTORY)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ContractEvents() {
    }

    /** Writes one envelope. */
    public static synchronized void write(Map<String, Object> envelope) {
        String kebab = String.valueOf(envelope.get("detail-type")).toLowerCase(Locale.ROOT).replace(' ', '-');
        int n = COUNTS.merge(kebab, 1, Integer::sum);
        try {
            Files.writeString(DIRECTORY.resolve(kebab + "-" + n + ".json"), Json.write(envelope) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
