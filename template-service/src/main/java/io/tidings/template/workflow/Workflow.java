package io.tidings.template.workflow;

import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

public record Workflow(UUID environmentId, UUID id, ObjectNode content, Instant createdAt, Instant updatedAt) {

    public String name() {
        return content.get("name").asString();
    }

    public String identifier() {
        return content.get("identifier").asString();
    }
}
