package io.tidings.environment.brand;

import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** One environment's brand. */
public record Brand(UUID environmentId, UUID key, ObjectNode content, Instant createdAt, Instant updatedAt) {
}
