package io.tidings.subscriber.readmodel;

import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.messaging.Messages;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the read model of workflows, layouts and brand from {@value Topics#CONTENT_REVISIONS}.
 * One consumer group for all replicas; each message is applied once (idempotent consumer), and
 * only a newer revision replaces what is held, so redeliveries and late arrivals change nothing.
 */
@Component
public class ContentRevisionListener {

    static final String CONSUMER = "subscriber-service.read-model";
    private static final Set<String> KEPT = Set.of(ContentTypes.WORKFLOW, ContentTypes.LAYOUT, ContentTypes.BRAND);

    private final ReadModelRepository readModel;
    private final IdempotentConsumer idempotent;

    public ContentRevisionListener(ReadModelRepository readModel, IdempotentConsumer idempotent) {
        this.readModel = readModel;
        this.idempotent = idempotent;
    }

    /** A whole poll at once: a promotion of thousands of workflows publishes as many revisions in a burst. */
    @KafkaListener(id = "subscriberReadModel", groupId = "subscriber-service", topics = Topics.CONTENT_REVISIONS,
            properties = "auto.offset.reset=earliest", batch = "true")
    public Mono<Void> onRevisions(List<ConsumerRecord<String, String>> records) {
        // without a message id, applying by revision is idempotent on its own
        return idempotent.processBatch(CONSUMER, records, ContentRevisionListener::read, readModel::applyAll);
    }

    private static Optional<ContentRevisionEvent> read(ConsumerRecord<String, String> record) {
        return Messages.read(record, ContentRevisionEvent.class)
                .filter(event -> KEPT.contains(event.type()) && event.environmentId() != null && event.key() != null);
    }
}
