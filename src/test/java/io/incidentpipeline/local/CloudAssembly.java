package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.cost.estimate.StackTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cloud assembly the CDK wrote ({@code cdk.out}): its stacks, each with its template and the
 * local files of its assets, read from {@code manifest.json} and the asset manifests, as
 * {@code cdk deploy} reads them.
 *
 * @param directory the assembly directory
 * @param stacks    its CloudFormation stacks, in manifest order
 */
public record CloudAssembly(Path directory, List<Stack> stacks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One stack of the assembly.
     *
     * @param name     the stack name
     * @param region   its region ({@code us-east-1} when the stack is environment-agnostic)
     * @param template its template
     * @param assets   the local file of each asset, by the object key the template names
     */
    public record Stack(String name, String region, StackTemplate template, JsonNode templateJson, Map<String, Path> assets) {
        /** @return the local file of the asset the template stores under {@code objectKey} */
        public Path asset(String objectKey) {
            Path path = assets.get(objectKey);
            if (path == null) {
                throw new LocalRuntimeException("stack " + name + " refers to asset " + objectKey
                        + ", which no asset manifest of the cloud assembly lists; synthesize again (npm run synth).");
            }
            return path;
        }
    }

    /** @return the assembly in {@code directory} */
    public static CloudAssembly read(Path directory) {
        Path manifestFile = directory.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new LocalRuntimeException(directory + " holds no manifest.json: synthesize first (npm run synth, or cdk synth -o "
                    + directory + ").");
        }
        JsonNode artifacts = readJson(manifestFile).path("artifacts");
        List<Stack> stacks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> artifact : artifacts.properties()) {
            JsonNode value = artifact.getValue();
            if (!value.path("type").asText().equals("aws:cloudformation:stack")) {
                continue;
            }
            String name = value.path("displayName").asText(artifact.getKey());
            Path templateFile = directory.resolve(value.path("properties").path("templateFile").asText());
            String environment = value.path("environment").asText("aws://unknown-account/unknown-region");
            String region = environment.substring(environment.lastIndexOf('/') + 1);
            Map<String, Path> assets = new HashMap<>();
            for (JsonNode dependency : value.path("dependencies")) {
                JsonNode dep = artifacts.path(dependency.asText());
                if (dep.path("type").asText().equals("cdk:asset-manifest")) {
                    readAssets(directory, directory.resolve(dep.path("properties").path("file").asText()), assets);
                }
            }
            stacks.add(new Stack(artifact.getKey(), region.equals("unknown-region") ? "us-east-1" : region,
                    StackTemplate.load(templateFile), readJson(templateFile), Map.copyOf(assets)));
        }
        if (stacks.isEmpty()) {
            throw new LocalRuntimeException(manifestFile + " lists no CloudFormation stack.");
        }
        return new CloudAssembly(directory, List.copyOf(stacks));
    }

    private static void readAssets(Path directory, Path assetManifest, Map<String, Path> assets) {
        for (Map.Entry<String, JsonNode> file : readJson(assetManifest).path("files").properties()) {
            Path source = directory.resolve(file.getValue().path("source").path("path").asText());
            for (JsonNode destination : file.getValue().path("destinations")) {
                assets.put(destination.path("objectKey").asText(), source);
            }
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new LocalRuntimeException(file + " is not readable JSON: " + e.getMessage(), e);
        }
    }
}
