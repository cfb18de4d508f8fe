package io.tidings.subscriber.feed;

import io.tidings.subscriber.common.Documents;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** @param content the promotable content: name, identifier */
public record Feed(UUID environmentId, UUID id, String name, String identifier, ObjectNode content, Instant createdAt,
                   Instant updatedAt) {

    public ObjectNode view() {
        ObjectNode view = Documents.JSON.createObjectNode();
        view.put("_id", id.toString());
        view.put("_environmentId", environmentId.toString());
        view.setAll(content);
        view.put("createdAt", createdAt.toString());
        view.put("updatedAt", updatedAt.toString());
        return view;
    }
}
