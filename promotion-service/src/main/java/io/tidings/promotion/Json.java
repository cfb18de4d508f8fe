package io.tidings.promotion;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON as stored (text columns) and as other services publish it. */
public final class Json {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** For what other services publish: they may add fields before this service knows them. */
    public static final JsonMapper TOLERANT_JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static JsonNode read(String json) {
        return json == null ? null : JSON.readTree(json);
    }

    public static String write(JsonNode content) {
        return content == null ? null : JSON.writeValueAsString(content);
    }
}
