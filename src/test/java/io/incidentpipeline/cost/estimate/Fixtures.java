package io.incidentpipeline.cost.estimate;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

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

    static CostEstimate estimate(String name) {
        return CostEstimator.withDefaults().estimate(List.of(template(name)));
    }

    static ResourceCost row(CostEstimate estimate, String logicalId) {
        return estimate.resources().stream().filter(r -> r.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + logicalId));
    }
}
