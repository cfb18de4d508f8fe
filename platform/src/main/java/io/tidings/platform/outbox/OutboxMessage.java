package io.tidings.platform.outbox;

import java.util.UUID;

/** One row of the outbox: a message committed with the business change, waiting to be relayed. */
public record OutboxMessage(long id, UUID messageId, String topic, String key, String type, String payload) {
}
