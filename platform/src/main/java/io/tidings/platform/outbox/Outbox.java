package io.tidings.platform.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import io.tidings.platform.context.Ids;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
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
        Ids.warmUp(); // message ids are made on event-loop threads
    }

    /** Appends many messages to one topic in one statement; each entry is (message key, message). */
    public Mono<Long> appendAll(String topic, List<Map.Entry<String, Object>> messages) {
        if (messages.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("INSERT INTO outbox (message_id, topic, message_key, message_type, payload) "
                        + "SELECT i, :topic, k, t, p FROM unnest(:ids::uuid[], :keys::text[], :types::text[], :payloads::text[]) AS v(i, k, t, p)")
                .bind("topic", topic)
                .bind("ids", messages.stream().map(message -> Ids.uuid()).toArray(UUID[]::new))
                .bind("keys", messages.stream().map(Map.Entry::getKey).toArray(String[]::new))
                .bind("types", messages.stream().map(message -> message.getValue().getClass().getSimpleName()).toArray(String[]::new))
                .bind("payloads", messages.stream().map(message -> json.writeValueAsString(message.getValue())).toArray(String[]::new))
                .fetch()
                .rowsUpdated();
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
