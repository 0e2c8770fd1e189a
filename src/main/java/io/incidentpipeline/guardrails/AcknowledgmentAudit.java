package io.incidentpipeline.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * Checks the acknowledgments of a synthesized app against what they actually suppressed, as CDK
 * recorded it in {@code validation-report.json} ({@code suppressedViolations}: each with the id
 * and construct path of the acknowledgment that suppressed it).
 *
 * <ul>
 *   <li>an acknowledgment on a stack, stage or the app hides a finding on everything below it:
 *       refused;</li>
 *   <li>an acknowledgment that suppressed a finding outside the construct it was made on (CDK core
 *       before 2.272 looked granular ids up app-wide) is an error;</li>
 *   <li>an acknowledgment that suppressed nothing (stale, or a mistyped id) is a warning, or an
 *       error where the caller asks for it.</li>
 * </ul>
 *
 * Only acknowledgments of plugins that ran are judged stale: a template-validation acknowledgment
 * says nothing when template validation is off ({@code CDK_VALIDATION=false}).
 */
final class AcknowledgmentAudit {
    /** cdk-nag applies acknowledgments in this bare form itself, so the report cannot show their use. */
    private static final String ANNOTATION_PREFIX = "Annotation::";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AcknowledgmentAudit() {
    }

    /** One acknowledgment as CDK keeps it: the qualified id and the path of the construct it was made on. */
    record Acknowledgment(String id, String path, boolean onStackOrApp) {
    }

    /**
     * Every acknowledgment of a synthesized assembly, read from the stacks' metadata files that
     * {@code manifest.json} lists (nested assemblies included) and, for the app itself, from its node:
     * no call per construct, so it costs milliseconds whatever the app's size.
     */
    static List<Acknowledgment> collect(IConstruct app, Path assembly) {
        List<Acknowledgment> found = new ArrayList<>();
        addAcknowledgments(app, found);
        collectFromAssembly(assembly, found);
        return found;
    }

    private static void collectFromAssembly(Path assembly, List<Acknowledgment> found) {
        JsonNode artifacts = readJson(assembly.resolve("manifest.json")).path("artifacts");
        Set<String> stackPaths = new HashSet<>();
        artifacts.forEach(artifact -> {
            if ("aws:cloudformation:stack".equals(artifact.path("type").asText())) {
                String file = artifact.path("additionalMetadataFile").asText("");
                JsonNode metadata = file.isEmpty() ? artifact.path("metadata") : readJson(assembly.resolve(file));
                metadata.fields().forEachRemaining(entry -> {
                    String path = entry.getKey().startsWith("/") ? entry.getKey().substring(1) : entry.getKey();
                    for (JsonNode item : entry.getValue()) {
                        if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(item.path("type").asText())) {
                            item.path("data").fieldNames().forEachRemaining(id -> found.add(new Acknowledgment(id, path,
                                    false)));
                        }
                    }
                });
                stackPaths.add(stackPath(metadata));
            } else if ("cdk:cloud-assembly".equals(artifact.path("type").asText())) {
                collectFromAssembly(assembly.resolve(artifact.path("properties").path("directoryName").asText()), found);
            }
        });
        // A stack's own acknowledgments are keyed by the stack's path: mark them.
        found.replaceAll(a -> stackPaths.contains(a.path()) ? new Acknowledgment(a.id(), a.path(), true) : a);
    }

    /** @return the stack's own path: the shortest key of its metadata (every other key is below it) */
    private static String stackPath(JsonNode metadata) {
        String shortest = null;
        for (var names = metadata.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (shortest == null || name.length() < shortest.length()) {
                shortest = name;
            }
        }
        return shortest == null ? "" : shortest.substring(1);
    }

    /** Acknowledgments made on {@code construct} itself (the app, a stage or a stack). */
    static void addAcknowledgments(IConstruct construct, List<Acknowledgment> found) {
        for (MetadataEntry entry : construct.getNode().getMetadata()) {
            if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.getType())
                    && entry.getData() instanceof Map<?, ?> acknowledgments) {
                acknowledgments.keySet().forEach(id ->
                        found.add(new Acknowledgment(String.valueOf(id), construct.getNode().getPath(), true)));
            }
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable cloud assembly file " + file, e);
        }
    }

    /** @return one line per acknowledgment made on a stack, a stage or the app */
    static List<String> misplaced(List<Acknowledgment> acknowledgments) {
        List<String> problems = new ArrayList<>();
        for (Acknowledgment ack : acknowledgments) {
            if (ack.onStackOrApp()) {
                problems.add(ack.id() + " is acknowledged on '" + displayPath(ack.path()) + "', a stack, stage or"
                        + " the app: that hides the finding on every resource below it. Acknowledge it on the one"
                        + " resource (or its construct) the finding is about.");
            }
        }
        return problems;
    }

    /** @return one line per finding suppressed by an acknowledgment made outside the finding's construct */
    static List<String> outOfScope(JsonNode report) {
        List<String> problems = new ArrayList<>();
        for (JsonNode plugin : report.path("pluginReports")) {
            for (JsonNode suppressed : plugin.path("suppressedViolations")) {
                String at = suppressed.path("acknowledgedAt").asText("");
                for (JsonNode construct : suppressed.path("violatingConstructs")) {
                    String path = construct.path("constructPath").asText("");
                    if (!at.isEmpty() && !isWithin(path, at)) {
                        problems.add(suppressed.path("ruleName").asText() + " at " + path + " was suppressed by the"
                                + " acknowledgment on " + at + ", which is outside its scope. Acknowledge it on "
                                + path + " itself (and use aws-cdk-lib 2.272.0 or later, which scopes acknowledgments).");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * @param pluginsThatRan namespaces of the validation plugins that ran ({@code AwsSolutions},
     *                       {@code Serverless}, {@code Cost}, {@code CloudFormation-Validate}, …)
     * @return one line per acknowledgment that suppressed no finding of a plugin that ran
     */
    static List<String> stale(List<Acknowledgment> acknowledgments, JsonNode report, Set<String> pluginsThatRan) {
        Set<String> used = new HashSet<>();
        for (JsonNode plugin : report.path("pluginReports")) {
            for (JsonNode suppressed : plugin.path("suppressedViolations")) {
                used.add(suppressed.path("acknowledgedId").asText() + "@" + suppressed.path("acknowledgedAt").asText());
            }
        }
        List<String> problems = new ArrayList<>();
        for (Acknowledgment ack : acknowledgments) {
            if (ack.onStackOrApp() || used.contains(ack.id() + "@" + ack.path())) {
                continue;
            }
            if (ack.id().startsWith(ANNOTATION_PREFIX)) {
                String bare = ack.id().substring(ANNOTATION_PREFIX.length());
                if (FindingIds.packOf(bare) != null) {
                    problems.add(bare + " on " + displayPath(ack.path()) + " is acknowledged in cdk-nag's bare form, which"
                            + " cdk-nag applies itself, so the gate cannot tell whether it still suppresses anything."
                            + " Acknowledge it with Guardrails.acknowledge(construct, \"" + bare + "\", reason).");
                }
                continue;
            }
            String namespace = ack.id().substring(0, Math.max(0, ack.id().indexOf("::")));
            if (pluginsThatRan.contains(namespace)) {
                problems.add(ack.id() + " on " + displayPath(ack.path()) + " suppresses no finding: the finding is"
                        + " gone or the id is mistyped. Remove the acknowledgment, or correct the id to the one the"
                        + " report names.");
            }
        }
        return problems;
    }

    /** @return the namespaces of every plugin the report lists */
    static Set<String> pluginsIn(JsonNode report) {
        Set<String> names = new HashSet<>();
        report.path("pluginReports").forEach(p -> names.add(p.path("pluginName").asText().replace(' ', '-')));
        return names;
    }

    private static boolean isWithin(String path, String scope) {
        return path.equals(scope) || path.startsWith(scope + "/");
    }

    private static String displayPath(String path) {
        return path.isEmpty() ? "the app" : path;
    }
}
