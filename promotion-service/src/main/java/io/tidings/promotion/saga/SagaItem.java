package io.tidings.promotion.saga;

import tools.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * One entity a saga carries to its target, pinned to the source revision and content the caller
 * saw. For a delete, {@code content} is the last content (the participant keeps it).
 *
 * @param changeType     created, updated or deleted, as the change was listed
 * @param targetRevision what the target held when the saga was planned; null when nothing
 * @param dependency     true when it was pulled in because a requested workflow needs it
 */
public record SagaItem(UUID changeId, String type, UUID key, String name, String changeType, long sourceRevision,
                       Long targetRevision, boolean deleted, JsonNode content, boolean dependency) {

    public SagaItem asDependency() {
        return new SagaItem(changeId, type, key, name, changeType, sourceRevision, targetRevision, deleted, content, true);
    }
}
