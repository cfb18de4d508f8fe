package io.tidings.subscriber.message;

import io.r2dbc.spi.Readable;
import io.tidings.platform.web.PageRequest;
import io.tidings.subscriber.common.Documents;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

@Repository
public class MessageRepository {

    public static final String IN_APP = "in_app";

    private static final String COLUMNS = "environment_id, id, notification_id, transaction_id, workflow_identifier, subscriber_id, "
            + "step_id, channel, feed_id, subject, content, payload, seen, read, last_seen_at, last_read_at, created_at";

    private final DatabaseClient db;

    public MessageRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(Message m) {
        return db.sql("INSERT INTO messages (" + COLUMNS + ") VALUES (:env, :id, :notificationId, :transactionId, :workflow, "
                        + ":subscriberId, :stepId, :channel, :feedId, :subject, :content, :payload, false, false, NULL, NULL, :createdAt)")
                .bind("env", m.environmentId()).bind("id", m.id()).bind("notificationId", m.notificationId())
                .bind("transactionId", m.transactionId()).bind("workflow", m.workflowIdentifier())
                .bind("subscriberId", m.subscriberId()).bind("stepId", m.stepId()).bind("channel", m.channel())
                .bind("feedId", Parameter.fromOrEmpty(m.feedId(), UUID.class))
                .bind("subject", Parameter.fromOrEmpty(m.subject(), String.class))
                .bind("content", m.content()).bind("payload", Documents.write(m.payload()))
                .bind("createdAt", m.createdAt())
                .fetch().rowsUpdated().then();
    }

    /** Newest first; channel and subscriberId filter when given. */
    public Flux<Message> page(UUID env, String channel, String subscriberId, PageRequest page) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE environment_id = :env " + filters(channel, subscriberId)
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("env", env)
                .bind("channel", Parameter.fromOrEmpty(channel, String.class))
                .bind("subscriberId", Parameter.fromOrEmpty(subscriberId, String.class))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map(MessageRepository::message).all();
    }

    public Mono<Long> count(UUID env, String channel, String subscriberId) {
        return db.sql("SELECT count(*) AS n FROM messages WHERE environment_id = :env " + filters(channel, subscriberId))
                .bind("env", env)
                .bind("channel", Parameter.fromOrEmpty(channel, String.class))
                .bind("subscriberId", Parameter.fromOrEmpty(subscriberId, String.class))
                .map(row -> row.get("n", Long.class)).one();
    }

    private static String filters(String channel, String subscriberId) {
        return "AND (CAST(:channel AS TEXT) IS NULL OR channel = :channel) "
                + "AND (CAST(:subscriberId AS TEXT) IS NULL OR subscriber_id = :subscriberId)";
    }

    public Mono<Long> unseen(UUID env, String subscriberId) {
        return db.sql("SELECT count(*) AS n FROM messages WHERE environment_id = :env AND subscriber_id = :subscriberId "
                        + "AND channel = 'in_app' AND NOT seen")
                .bind("env", env).bind("subscriberId", subscriberId).map(row -> row.get("n", Long.class)).one();
    }

    public Flux<Message> find(UUID env, String subscriberId, UUID[] ids) {
        return db.sql("SELECT " + COLUMNS + " FROM messages WHERE environment_id = :env AND subscriber_id = :subscriberId "
                        + "AND id = ANY(:ids) ORDER BY created_at DESC, id")
                .bind("env", env).bind("subscriberId", subscriberId).bind("ids", ids)
                .map(MessageRepository::message).all();
    }

    /** Sets the given flags of the subscriber's own messages; a null flag stays as it is. */
    public Mono<Long> mark(UUID env, String subscriberId, UUID[] ids, Boolean seen, Boolean read, Instant now) {
        return db.sql("UPDATE messages SET "
                        + "seen = COALESCE(:seen, seen), read = COALESCE(:read, read), "
                        + "last_seen_at = CASE WHEN :seen IS TRUE THEN :now ELSE last_seen_at END, "
                        + "last_read_at = CASE WHEN :read IS TRUE THEN :now ELSE last_read_at END "
                        + "WHERE environment_id = :env AND subscriber_id = :subscriberId AND id = ANY(:ids)")
                .bind("seen", Parameter.fromOrEmpty(seen, Boolean.class))
                .bind("read", Parameter.fromOrEmpty(read, Boolean.class))
                .bind("now", now).bind("env", env).bind("subscriberId", subscriberId).bind("ids", ids)
                .fetch().rowsUpdated();
    }

    public Mono<Long> delete(UUID env, UUID id) {
        return db.sql("DELETE FROM messages WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).fetch().rowsUpdated();
    }

    static Message message(Readable row) {
        return new Message(row.get("environment_id", UUID.class), row.get("id", UUID.class), row.get("notification_id", UUID.class),
                row.get("transaction_id", String.class), row.get("workflow_identifier", String.class),
                row.get("subscriber_id", String.class), row.get("step_id", String.class), row.get("channel", String.class),
                row.get("feed_id", UUID.class), row.get("subject", String.class), row.get("content", String.class),
                Documents.read(row.get("payload", String.class)),
                Boolean.TRUE.equals(row.get("seen", Boolean.class)), Boolean.TRUE.equals(row.get("read", Boolean.class)),
                row.get("last_seen_at", Instant.class), row.get("last_read_at", Instant.class), row.get("created_at", Instant.class));
    }
}
