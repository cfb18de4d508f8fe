package io.tidings.platform.outbox;

import io.tidings.platform.messaging.Messages;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a message's work at most once per (consumer, message id): the id is recorded in the same
 * transaction as the work, so a redelivered message finds it and is skipped.
 */
public class IdempotentConsumer {

    private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);
    private static final int BATCH_ATTEMPTS = 6;

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

    /**
     * {@link #processRecord} for a whole poll: the records not processed before are recorded and
     * their work runs in one transaction, which costs a few statements per batch instead of per
     * record. Records without a message id always run, so that work must be idempotent on its own.
     *
     * @param read turns a record into what the work takes, or empty to skip it
     * @param work runs once, with the fresh records in their order; not called when there are none
     */
    public <T> Mono<Void> processBatch(String consumer, List<ConsumerRecord<String, String>> records,
                                       Function<ConsumerRecord<String, String>, Optional<T>> read,
                                       Function<List<T>, Mono<?>> work) {
        List<Read<T>> wanted = records.stream()
                .flatMap(record -> read.apply(record).stream().map(item -> new Read<>(Messages.messageId(record), item)))
                .toList();
        if (wanted.isEmpty()) {
            return Mono.empty();
        }
        String[] ids = wanted.stream().map(Read::messageId).flatMap(Optional::stream).distinct().toArray(String[]::new);
        Mono<Set<String>> fresh = ids.length == 0 ? Mono.just(Set.of())
                : db.sql("INSERT INTO processed_messages (consumer, message_id) SELECT :consumer, unnest(:ids::text[]) "
                                + "ON CONFLICT DO NOTHING RETURNING message_id")
                        .bind("consumer", consumer)
                        .bind("ids", ids)
                        .map(row -> row.get("message_id", String.class))
                        .all()
                        .collect(Collectors.toSet());
        Mono<Void> batch = fresh.flatMap(newIds -> {
            Set<String> taken = new HashSet<>();
            List<T> items = wanted.stream()
                    // a message id delivered twice in one poll runs once
                    .filter(one -> one.messageId().map(id -> newIds.contains(id) && taken.add(id)).orElse(true))
                    .map(Read::item)
                    .toList();
            return items.isEmpty() ? Mono.empty() : work.apply(items).then();
        });
        // a failed batch is not retried by the container (it acknowledges async batches either way),
        // so a passing fault such as a lost connection is retried here, in a new transaction each time
        return tx.transactional(batch)
                .retryWhen(Retry.backoff(BATCH_ATTEMPTS - 1, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2))
                        .doBeforeRetry(retry -> log.warn("{}: batch of {} records failed, retrying: {}", consumer, records.size(),
                                retry.failure().toString()))
                        .onRetryExhaustedThrow((spec, retry) -> retry.failure()))
                .doOnError(e -> log.error("{}: giving up on a batch of {} records from offset {} after {} attempts", consumer,
                        records.size(), records.get(0).offset(), BATCH_ATTEMPTS, e));
    }

    private record Read<T>(Optional<String> messageId, T item) {
    }
}
