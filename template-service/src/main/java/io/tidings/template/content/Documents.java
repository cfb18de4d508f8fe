package io.tidings.template.content;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** Content as stored (canonical JSON) and as answered (the content plus its id and times). */
public final class Documents {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Documents() {
    }

    public static ObjectNode read(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    public static String write(JsonNode content) {
        return JSON.writeValueAsString(content);
    }

    public static ObjectNode view(UUID id, UUID environmentId, JsonNode content, Instant createdAt, Instant updatedAt) {
        ObjectNode view = JSON.createObjectNode();
        view.put("_id", id.toString());
        view.put("_environmentId", environmentId.toString());
        view.setAll((ObjectNode) content);
        view.put("createdAt", createdAt.toString());
        view.put("updatedAt", updatedAt.toString());
        return view;
    }
}
