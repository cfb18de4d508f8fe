package io.tidings.template.layout;

import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** @param content the promotable content: name, identifier, description, content, isDefault */
public record Layout(UUID environmentId, UUID id, String name, String identifier, boolean isDefault, ObjectNode content,
                     Instant createdAt, Instant updatedAt) {
}
