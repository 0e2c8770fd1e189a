package io.incidentpipeline.handlers.testsupport;

import io.incidentpipeline.handlers.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The JSON log lines a piece of handler code writes to standard output, as Lambda would ship them. */
public final class LogLines {
    private LogLines() {
    }

    /** Runs {@code action} and returns each line it logged, parsed. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{"))
                .map(line -> (Map<String, Object>) Json.read(line))
                .toList();
    }
}
