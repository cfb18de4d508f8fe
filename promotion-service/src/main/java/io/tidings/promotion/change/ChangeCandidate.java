package io.tidings.promotion.change;

import tools.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * A pending change with both sides as the projection holds them, read when a promotion or a
 * discard pins it.
 *
 * @param targetRevision null when the target never had the entity
 */
public record ChangeCandidate(UUID changeId, String type, UUID key, String name, String changeType,
                              long sourceRevision, boolean sourceDeleted, JsonNode sourceContent,
                              Long targetRevision, boolean targetDeleted, JsonNode targetContent) {

    public boolean liveInTarget() {
        return targetRevision != null && !targetDeleted;
    }
}
