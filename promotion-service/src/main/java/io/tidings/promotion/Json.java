package io.tidings.promotion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON as stored in text columns; messages are read with the platform's Messages.TOLERANT_JSON. */
public final class Json {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonNode read(String json) {
        return json == null ? null : JSON.readTree(json);
    }

    public static String write(JsonNode content) {
        return content == null ? null : JSON.writeValueAsString(content);
    }
}
