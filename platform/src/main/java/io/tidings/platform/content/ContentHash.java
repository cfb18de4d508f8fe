package io.tidings.platform.content;

import io.tidings.platform.context.ApiKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hash that decides whether two contents are the same: SHA-256 of canonical JSON (object
 * members sorted by name), so member order never makes a change.
 */
public final class ContentHash {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContentHash() {
    }

    public static String of(JsonNode content) {
        return ApiKeys.hash(JSON.writeValueAsString(canonical(content)));
    }

    static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            members.forEach(m -> sorted.set(m.getKey(), canonical(m.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }
}
