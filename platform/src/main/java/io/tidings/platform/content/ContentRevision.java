package io.tidings.platform.content;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** An immutable revision as stored: what an entity's content was after one write. */
public record ContentRevision(UUID environmentId, String type, UUID key, long revision, JsonNode content,
                             String contentHash, boolean deleted, String actor, Instant createdAt) {
}
