package io.incidentpipeline.cost.estimate;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The hand-written templates under {@code src/test/resources/io/incidentpipeline/cost/estimate/}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path template(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/io/incidentpipeline/cost/estimate/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test template " + name + " is missing", e);
        }
    }

    /**
     * Writes a cloud assembly's {@code manifest.json} into {@code dir} listing {@code stacks}, whose
     * templates are {@code <stack>.template.json}, as CDK writes it (an asset manifest and the tree
     * beside them).
     */
    static void manifest(Path dir, String... stacks) throws IOException {
        String artifacts = Stream.of(stacks).map(stack -> """
                "%1$s": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/us-east-1",
                         "properties": {"templateFile": "%1$s.template.json"}, "displayName": "%1$s"},
                "%1$s.assets": {"type": "cdk:asset-manifest", "properties": {"file": "%1$s.assets.json"}}"""
                .formatted(stack)).collect(Collectors.joining(",\n"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"version": "54.0.0", "artifacts": {
                %s
                "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}}
                """.formatted(artifacts.isEmpty() ? "" : artifacts + ","));
    }

    static CostEstimate estimate(String name) {
        return CostEstimator.withDefaults().estimate(List.of(template(name)));
    }

    static ResourceCost row(CostEstimate estimate, String logicalId) {
        return estimate.resources().stream().filter(r -> r.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + logicalId));
    }
}
