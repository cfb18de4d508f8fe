package io.tidings.platform.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import io.tidings.platform.context.Ids;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * Appends a message to the outbox table. Call it inside the transaction that makes the change:
 * the message is committed with it or not at all, and {@link OutboxRelay} publishes it afterwards.
 */
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;

    public Outbox(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<UUID> append(String topic, String key, Object message) {
        UUID messageId = Ids.uuid();
        return db.sql("INSERT INTO outbox (message_id, topic, message_key, message_type, payload) "
                        + "VALUES (:messageId, :topic, :key, :type, :payload)")
                .bind("messageId", messageId)
                .bind("topic", topic)
                .bind("key", key)
                .bind("type", message.getClass().getSimpleName())
                .bind("payload", json.writeValueAsString(message))
                .fetch()
                .rowsUpdated()
                .thenReturn(messageId);
    }
}
