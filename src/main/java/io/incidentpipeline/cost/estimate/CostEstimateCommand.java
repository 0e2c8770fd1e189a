package io.incidentpipeline.cost.estimate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Estimates a synthesized cloud assembly from the command line, writes {@code cost-estimate.json}
 * and {@code cost-estimate.md} beside its templates and prints the markdown.
 *
 * <pre>
 * java -cp "target/classes:$(cat target/classpath.txt)" io.incidentpipeline.cost.estimate.CostEstimateCommand [cdk.out [stage]]
 * </pre>
 *
 * <p>Only the stacks of the assembly's {@code manifest.json} are estimated. The stage defaults to
 * their templates' {@code Stage} tag. Exit code 1, with one line saying why, when the directory
 * is not a cloud assembly or a template, price or traffic file is unusable.
 */
public final class CostEstimateCommand {
    private CostEstimateCommand() {
    }

    /** @param args {@code [cdkOutDir [stage]]}, default {@code cdk.out} and the templates' Stage tag */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args {@code [cdkOutDir [stage]]}
     * @param out  receives the markdown
     * @param err  receives the reason for a failure
     * @return the exit code: 0, or 1 on failure
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of(args.length > 0 ? args[0] : "cdk.out");
        try {
            List<Path> templates = CostReport.templatesIn(dir);
            String stage = args.length > 1 ? args[1] : stageOf(templates);
            out.print(CostReport.writeTo(dir, stage).toMarkdown());
            return 0;
        } catch (CostModelException e) {
            err.println("cost estimate failed: " + e.getMessage());
            return 1;
        }
    }

    /** @return the most common {@code Stage} tag of the templates' resources, or {@code unknown} */
    static String stageOf(List<Path> templates) {
        Map<String, Long> stages = templates.stream().map(StackTemplate::load)
                .flatMap(t -> t.resources().stream())
                .flatMap(r -> StreamSupport.stream(r.property("Tags").spliterator(), false))
                .filter(tag -> "Stage".equals(tag.path("Key").asText()) && tag.path("Value").isTextual())
                .map(tag -> tag.path("Value").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return stages.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("unknown");
    }
}
