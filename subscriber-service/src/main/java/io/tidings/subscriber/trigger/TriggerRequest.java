package io.tidings.subscriber.trigger;

import tools.jackson.databind.JsonNode;

/**
 * Novu's trigger body.
 *
 * @param name      the workflow's trigger identifier
 * @param to        a subscriberId, a subscriber object (upserted), or an array of either
 * @param overrides accepted for compatibility with Novu clients; not applied yet
 */
public record TriggerRequest(String name, JsonNode to, JsonNode payload, String transactionId, JsonNode overrides) {
}
