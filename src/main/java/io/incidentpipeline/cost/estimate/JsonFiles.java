package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading the estimator's JSON inputs with errors that name the file and the key: every loader
 * (prices, traffic model, templates) fails the same way, so the messages read the same.
 */
final class JsonFiles {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /** @return the parsed file; fails naming the file when it is missing or not JSON */
    static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CostModelException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    /** @return the parsed classpath resource; fails naming it when it is missing or not JSON */
    static JsonNode readResource(String resource) {
        try (InputStream in = JsonFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CostModelException(resource + ": not found on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new CostModelException(resource + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** @return the parsed text, which must be one JSON object */
    static ObjectNode parse(String text, String fileName) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new CostModelException(fileName + ": not valid JSON (" + e.getOriginalMessage() + line + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new CostModelException(fileName + ": expected a JSON object at the top level");
        }
        return (ObjectNode) node;
    }

    /** @return the object under {@code key}; fails naming the file and key when absent or not an object */
    static ObjectNode object(JsonNode parent, String key, String fileName) {
        JsonNode value = parent.get(key);
        if (value == null || !value.isObject()) {
            throw new CostModelException(fileName + ": key '" + key + "' must be a JSON object");
        }
        return (ObjectNode) value;
    }

    /** @return the non-blank text under {@code key}; fails naming the file and key otherwise */
    static String text(JsonNode parent, String key, String fileName) {
        JsonNode value = parent.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new CostModelException(fileName + ": key '" + key + "' must be a non-empty string");
        }
        return value.asText();
    }

    /** Fails naming the file, the object and the first unknown field when {@code node} has fields outside {@code allowed}. */
    static void onlyFields(JsonNode node, Set<String> allowed, String where, String fileName) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new CostModelException(fileName + ": unknown key '" + unknown.iterator().next() + "' in " + where
                    + " (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
    }
}
