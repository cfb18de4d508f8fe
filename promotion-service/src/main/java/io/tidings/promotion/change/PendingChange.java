package io.tidings.promotion.change;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * One (type, key) whose state in the source environment differs from its target, as
 * {@code GET /v1/changes} shows it.
 *
 * @param targetRevision null when the target never had the entity
 */
public record PendingChange(
        @JsonProperty("_id") String id,
        String type,
        String key,
        String name,
        String changeType,
        long sourceRevision,
        Long targetRevision,
        String changedBy,
        Instant changedAt) {
}
