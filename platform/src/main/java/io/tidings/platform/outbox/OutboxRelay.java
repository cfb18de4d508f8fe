package io.tidings.platform.outbox;

import io.tidings.platform.messaging.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.tidings.platform.scheduling.PeriodicTask;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes committed outbox rows to Kafka, then deletes them, in one database transaction.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas relay side by side
 * without publishing a row twice; a crash between send and commit re-sends, which the
 * idempotent consumers absorb (delivery is at least once).
 */
public class OutboxRelay extends PeriodicTask {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, String> kafka;
    private final int batchSize;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, String> kafka,
                       Duration pollInterval, int batchSize) {
        super("outbox relay", pollInterval, pollInterval);
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.batchSize = batchSize;
    }

    @Override
    protected Mono<Long> runOnce() {
        return drain();
    }

    /** Relays until the outbox is empty; emits how many messages went out. */
    public Mono<Long> drain() {
        return relayBatch()
                .expand(sent -> sent == batchSize ? relayBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    Mono<Integer> relayBatch() {
        Mono<Integer> batch = db.sql("SELECT id, message_id, topic, message_key, message_type, payload FROM outbox "
                        + "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("limit", batchSize)
                .map((row, meta) -> new OutboxMessage(
                        row.get("id", Long.class),
                        row.get("message_id", UUID.class),
                        row.get("topic", String.class),
                        row.get("message_key", String.class),
                        row.get("message_type", String.class),
                        row.get("payload", String.class)))
                .all()
                .collectList()
                .flatMap(messages -> messages.isEmpty()
                        ? Mono.just(0)
                        : publish(messages).then(delete(messages)).thenReturn(messages.size()));
        return tx.transactional(batch);
    }

    private Mono<Void> publish(List<OutboxMessage> messages) {
        // send() may block while fetching topic metadata, so it never runs on an event-loop thread;
        // records are handed to the producer in id order, which keeps per-key order.
        return Mono.fromCallable(() -> messages.stream().map(this::send).toArray(CompletableFuture[]::new))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(futures -> Mono.fromFuture(CompletableFuture.allOf(futures)));
    }

    private CompletableFuture<?> send(OutboxMessage message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
        record.headers().add(Topics.MESSAGE_ID_HEADER, message.messageId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.MESSAGE_TYPE_HEADER, message.type().getBytes(StandardCharsets.UTF_8));
        return kafka.send(record);
    }

    private Mono<Long> delete(List<OutboxMessage> messages) {
        Long[] ids = messages.stream().map(OutboxMessage::id).toArray(Long[]::new);
        return db.sql("DELETE FROM outbox WHERE id = ANY(:ids)").bind("ids", ids).fetch().rowsUpdated();
    }
}
