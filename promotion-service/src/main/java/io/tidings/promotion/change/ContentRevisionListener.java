package io.tidings.promotion.change;

import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.messaging.Messages;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the content projection from {@value Topics#CONTENT_REVISIONS}: every type, every
 * environment. Applied once per message id, and only a newer revision replaces what is held.
 */
@Component
public class ContentRevisionListener {

    static final String CONSUMER = "promotion-service.projection";

    private final ContentStateRepository state;
    private final IdempotentConsumer idempotent;

    public ContentRevisionListener(ContentStateRepository state, IdempotentConsumer idempotent) {
        this.state = state;
        this.idempotent = idempotent;
    }

    /** A whole poll at once: a promotion of thousands of items publishes as many revisions in a burst. */
    @KafkaListener(id = "promotionProjection", groupId = "promotion-service", topics = Topics.CONTENT_REVISIONS,
            properties = "auto.offset.reset=earliest", batch = "true")
    public Mono<Void> onRevisions(List<ConsumerRecord<String, String>> records) {
        // without a message id, applying by revision is idempotent on its own
        return idempotent.processBatch(CONSUMER, records, ContentRevisionListener::read, state::applyAll);
    }

    private static Optional<ContentRevisionEvent> read(ConsumerRecord<String, String> record) {
        return Messages.read(record, ContentRevisionEvent.class)
                .filter(event -> event.environmentId() != null && event.type() != null && event.key() != null);
    }
}
