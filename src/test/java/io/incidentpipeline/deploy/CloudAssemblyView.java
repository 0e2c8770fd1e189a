package io.incidentpipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A synthesized cloud assembly as CloudFormation deploys it: the stacks of {@code manifest.json},
 * each with its region, its template and the stacks it deploys after (transitively).
 */
final class CloudAssemblyView {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stack of the assembly. */
    record StackView(String id, String region, JsonNode template, Set<String> directDependencies) {
    }

    private final Map<String, StackView> stacks = new LinkedHashMap<>();

    CloudAssemblyView(Path outdir) {
        JsonNode artifacts = read(outdir.resolve("manifest.json")).path("artifacts");
        artifacts.fields().forEachRemaining(entry -> {
            JsonNode artifact = entry.getValue();
            if (!"aws:cloudformation:stack".equals(artifact.path("type").asText())) {
                return;
            }
            String environment = artifact.path("environment").asText();
            Set<String> dependencies = new LinkedHashSet<>();
            artifact.path("dependencies").forEach(d -> dependencies.add(d.asText()));
            stacks.put(entry.getKey(), new StackView(entry.getKey(), environment.substring(environment.lastIndexOf('/') + 1),
                    read(outdir.resolve(artifact.path("properties").path("templateFile").asText())), dependencies));
        });
    }

    Map<String, StackView> stacks() {
        return stacks;
    }

    /** @return the stacks {@code stackId} deploys after, directly or through others */
    Set<String> deployedBefore(String stackId) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(stacks.get(stackId).directDependencies());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next) && stacks.containsKey(next)) {
                todo.addAll(stacks.get(next).directDependencies());
            }
        }
        return seen;
    }

    /** @return whether {@code other} exists when {@code stackId} deploys: the same stack or one deployed before it */
    boolean existsWhenDeploying(String stackId, String other) {
        return stackId.equals(other) || deployedBefore(stackId).contains(other);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
