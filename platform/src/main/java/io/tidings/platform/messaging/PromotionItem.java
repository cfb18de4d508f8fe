package io.tidings.platform.messaging;

import tools.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * One pinned source revision an {@link ApplyChanges} carries to the target environment.
 *
 * @param type           a {@link io.tidings.platform.content.ContentTypes} value the receiving service owns
 * @param key            the entity's id, the same in every environment
 * @param sourceRevision the source revision the caller saw (informational for the participant)
 * @param content        the revision's content; for a delete, the last content (may be null)
 * @param deleted        true to remove the entity from the target
 */
public record PromotionItem(String type, UUID key, long sourceRevision, JsonNode content, boolean deleted) {
}
