package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthesized CloudFormation template: its stack name and its resources. A file that is not JSON,
 * has no {@code Resources} object, or has a resource without a {@code Type} fails to load with the
 * file and the resource named.
 *
 * @param stackName the stack, from the file name ({@code IncidentPipeline-dev-us-east-1})
 * @param resources the resources, in template order
 */
public record StackTemplate(String stackName, List<TemplateResource> resources) {
    /** The suffix the CDK gives templates in a cloud assembly. */
    public static final String SUFFIX = ".template.json";

    /**
     * @param file a {@code *.template.json} of a cloud assembly
     * @return the template in {@code file}, named after the file
     */
    public static StackTemplate load(Path file) {
        String name = file.getFileName().toString();
        String stack = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        return fromJson(JsonFiles.read(file), stack, file.toString());
    }

    /**
     * @param json      the template as text
     * @param stackName the stack it deploys
     * @return the template
     */
    public static StackTemplate parse(String json, String stackName) {
        return fromJson(JsonFiles.parse(json, stackName), stackName, stackName);
    }

    private static StackTemplate fromJson(JsonNode root, String stackName, String fileName) {
        ObjectNode resources = JsonFiles.object(root, "Resources", fileName);
        List<TemplateResource> list = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : resources.properties()) {
            JsonNode type = field.getValue().path("Type");
            if (!type.isTextual() || type.asText().isBlank()) {
                throw new CostModelException(fileName + ": resource 'Resources." + field.getKey()
                        + "' has no Type (is this a CloudFormation template?)");
            }
            list.add(new TemplateResource(stackName, field.getKey(), type.asText(), field.getValue().path("Properties")));
        }
        return new StackTemplate(stackName, List.copyOf(list));
    }
}
