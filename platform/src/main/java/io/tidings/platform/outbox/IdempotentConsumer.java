package io.tidings.platform.outbox;

import io.tidings.platform.messaging.Messages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Runs a message's work at most once per (consumer, message id): the id is recorded in the same
 * transaction as the work, so a redelivered message finds it and is skipped.
 */
public class IdempotentConsumer {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    public IdempotentConsumer(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Emits true when the work ran, false when this message had been processed before. */
    public Mono<Boolean> processOnce(String consumer, String messageId, Mono<?> work) {
        Mono<Boolean> once = db.sql("INSERT INTO processed_messages (consumer, message_id) VALUES (:consumer, :messageId) "
                        + "ON CONFLICT DO NOTHING")
                .bind("consumer", consumer)
                .bind("messageId", messageId)
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(false) : work.then(Mono.just(true)));
        return tx.transactional(once);
    }

    /**
     * {@link #processOnce} keyed by the record's outbox message id; a record without one runs its
     * work directly, so that work must be idempotent on its own (ordered by revision or time).
     */
    public Mono<Void> processRecord(String consumer, ConsumerRecord<?, ?> record, Mono<?> work) {
        return Messages.messageId(record)
                .map(id -> processOnce(consumer, id, work).then())
                .orElseGet(work::then);
    }
}
