package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One resource of a synthesized template, with the few property readers the cost models need.
 * Properties may be intrinsic functions rather than literals; the readers then answer "unknown"
 * (empty) and the models fall back to the CloudFormation default and say so.
 *
 * @param stack      the stack (template file name without {@code .template.json})
 * @param logicalId  the logical id
 * @param type       the CloudFormation type, e.g. {@code AWS::Lambda::Function}
 * @param properties the {@code Properties} object (a missing node when the resource has none)
 */
public record TemplateResource(String stack, String logicalId, String type, JsonNode properties) {

    /**
     * @param path property names, outermost first
     * @return the property at {@code path} (nested keys), or a missing node
     */
    public JsonNode property(String... path) {
        JsonNode node = properties;
        for (String key : path) {
            node = node.path(key);
        }
        return node;
    }

    /**
     * @param path property names, outermost first
     * @return the literal number at {@code path}, or empty when absent or not a literal
     */
    public OptionalDouble number(String... path) {
        JsonNode node = property(path);
        if (node.isNumber()) {
            return OptionalDouble.of(node.asDouble());
        }
        if (node.isTextual()) {
            try {
                return OptionalDouble.of(Double.parseDouble(node.asText()));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * @param path property names, outermost first
     * @return the literal string at {@code path}, or empty when absent or not a literal
     */
    public Optional<String> text(String... path) {
        JsonNode node = property(path);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /**
     * @param path property names, outermost first
     * @return whether the literal at {@code path} is {@code true} (or the string "true")
     */
    public boolean isTrue(String... path) {
        JsonNode node = property(path);
        return node.asBoolean(false) || "true".equalsIgnoreCase(node.asText(""));
    }

    /**
     * @param node a template value
     * @return the logical id a {@code Ref} or {@code Fn::GetAtt} names, or empty when
     *     {@code node} is neither
     */
    public static Optional<String> target(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        if (node.path("Ref").isTextual()) {
            return Optional.of(node.get("Ref").asText());
        }
        JsonNode getAtt = node.path("Fn::GetAtt");
        if (getAtt.isArray() && getAtt.size() > 0) {
            return Optional.of(getAtt.get(0).asText());
        }
        if (getAtt.isTextual()) {
            return Optional.of(getAtt.asText().split("\\.", 2)[0]);
        }
        return Optional.empty();
    }

    /**
     * @param node a template value
     * @return every logical id referenced ({@code Ref}/{@code Fn::GetAtt}) anywhere under {@code node}
     */
    public static Set<String> targets(JsonNode node) {
        Set<String> ids = new HashSet<>();
        collect(node, ids);
        return ids;
    }

    private static void collect(JsonNode node, Set<String> ids) {
        if (node == null) {
            return;
        }
        target(node).ifPresent(ids::add);
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), ids);
            }
        }
    }
}
