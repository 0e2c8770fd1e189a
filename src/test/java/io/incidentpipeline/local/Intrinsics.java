package io.incidentpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join},
 * {@code Fn::Select}, {@code Fn::Split}, {@code Fn::Sub}) and pseudo parameters to the local names
 * and ARNs of the resources the runtime created. A function it does not know, or a reference to a
 * resource without a local value, fails naming the logical id and the attribute.
 */
final class Intrinsics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();
    private final Map<String, String> pseudo;

    Intrinsics(String stackName, String region) {
        this.pseudo = Map.of("AWS::AccountId", Moto.ACCOUNT, "AWS::Region", region, "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com", "AWS::StackName", stackName, "AWS::NoValue", "");
    }

    /** Records what {@code Ref} of {@code logicalId} resolves to. */
    void ref(String logicalId, String value) {
        refs.put(logicalId, value);
    }

    /** Records what {@code Fn::GetAtt [logicalId, attribute]} resolves to. */
    void attribute(String logicalId, String attribute, String value) {
        attributes.put(logicalId + "." + attribute, value);
    }

    /** @return {@code node} with every intrinsic function replaced by its local value */
    JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            node.forEach(item -> array.add(resolve(item)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            String function = only.getKey();
            if (function.equals("Ref") || function.startsWith("Fn::")) {
                return apply(function, only.getValue());
            }
        }
        ObjectNode object = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            object.set(field.getKey(), resolve(field.getValue()));
        }
        return object;
    }

    /** @return {@code node} resolved to text */
    String text(JsonNode node) {
        JsonNode resolved = resolve(node);
        if (!resolved.isValueNode()) {
            throw new LocalRuntimeException("expected a string, got " + resolved);
        }
        return resolved.asText();
    }

    private JsonNode apply(String function, JsonNode argument) {
        switch (function) {
            case "Ref" -> {
                return TextNode.valueOf(ref(argument.asText()));
            }
            case "Fn::GetAtt" -> {
                String logicalId = argument.isArray() ? argument.get(0).asText() : argument.asText().split("\\.", 2)[0];
                String attribute = argument.isArray() ? text(argument.get(1)) : argument.asText().split("\\.", 2)[1];
                return TextNode.valueOf(getAtt(logicalId, attribute));
            }
            case "Fn::Join" -> {
                StringBuilder joined = new StringBuilder();
                JsonNode parts = resolve(argument.get(1));
                for (int i = 0; i < parts.size(); i++) {
                    joined.append(i == 0 ? "" : argument.get(0).asText()).append(parts.get(i).asText());
                }
                return TextNode.valueOf(joined.toString());
            }
            case "Fn::Select" -> {
                int index = Integer.parseInt(text(argument.get(0)));
                JsonNode list = resolve(argument.get(1));
                if (index >= list.size()) {
                    throw new LocalRuntimeException("Fn::Select index " + index + " is out of " + list);
                }
                return list.get(index);
            }
            case "Fn::Split" -> {
                ArrayNode parts = JSON.createArrayNode();
                for (String part : text(argument.get(1)).split(Pattern.quote(argument.get(0).asText()), -1)) {
                    parts.add(part);
                }
                return parts;
            }
            case "Fn::Sub" -> {
                String template = argument.isArray() ? argument.get(0).asText() : argument.asText();
                Map<String, String> variables = new HashMap<>();
                if (argument.isArray() && argument.size() > 1) {
                    argument.get(1).properties().forEach(e -> variables.put(e.getKey(), text(e.getValue())));
                }
                Matcher matcher = SUB.matcher(template);
                StringBuilder out = new StringBuilder();
                while (matcher.find()) {
                    String name = matcher.group(1);
                    String value = variables.containsKey(name) ? variables.get(name)
                            : name.contains(".") && !name.startsWith("AWS::") ? getAtt(name.split("\\.", 2)[0], name.split("\\.", 2)[1])
                            : ref(name);
                    matcher.appendReplacement(out, Matcher.quoteReplacement(value));
                }
                matcher.appendTail(out);
                return TextNode.valueOf(out.toString().replace("${!", "${"));
            }
            default -> throw new LocalRuntimeException(function + " is not supported by the local runtime (in " + argument
                    + "); supported: Ref, Fn::GetAtt, Fn::Join, Fn::Select, Fn::Split, Fn::Sub.");
        }
    }

    private String ref(String name) {
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        String value = refs.get(name);
        if (value == null) {
            throw new LocalRuntimeException("Ref " + name + ": the local runtime has no value for this resource"
                    + " (a type it does not create, or a parameter)");
        }
        return value;
    }

    private String getAtt(String logicalId, String attribute) {
        String value = attributes.get(logicalId + "." + attribute);
        if (value == null) {
            throw new LocalRuntimeException("Fn::GetAtt " + logicalId + "." + attribute
                    + ": the local runtime has no value for this attribute");
        }
        return value;
    }
}
