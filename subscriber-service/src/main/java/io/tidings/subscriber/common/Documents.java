package io.tidings.subscriber.common;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/** JSON as stored (text columns) and measured. */
public final class Documents {

    public static final JsonMapper JSON = JsonMapper.builder().build();


    private Documents() {
    }

    public static JsonNode read(String json) {
        return json == null ? null : JSON.readTree(json);
    }

    public static ObjectNode readObject(String json) {
        JsonNode node = read(json);
        return node instanceof ObjectNode object ? object : JSON.createObjectNode();
    }

    public static String write(JsonNode content) {
        return JSON.writeValueAsString(content);
    }

    public static int size(JsonNode content) {
        return JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8).length;
    }
}
