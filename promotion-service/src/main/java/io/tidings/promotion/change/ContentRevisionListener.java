package io.tidings.promotion.change;

import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.IdempotentConsumer;
import io.tidings.promotion.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the content projection from {@value Topics#CONTENT_REVISIONS}: every type, every
 * environment. Applied once per message id, and only a newer revision replaces what is held.
 */
@Component
public class ContentRevisionListener {

    static final String CONSUMER = "promotion-service.projection";
    private static final Logger log = LoggerFactory.getLogger(ContentRevisionListener.class);

    private final ContentStateRepository state;
    private final IdempotentConsumer idempotent;

    public ContentRevisionListener(ContentStateRepository state, IdempotentConsumer idempotent) {
        this.state = state;
        this.idempotent = idempotent;
    }

    @KafkaListener(id = "promotionProjection", groupId = "promotion-service", topics = Topics.CONTENT_REVISIONS,
            properties = "auto.offset.reset=earliest")
    public Mono<Void> onRevision(ConsumerRecord<String, String> record) {
        ContentRevisionEvent event;
        try {
            event = Json.TOLERANT_JSON.readValue(record.value(), ContentRevisionEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("skipping unreadable content revision at offset {}: {}", record.offset(), e.getMessage());
            return Mono.empty();
        }
        if (event == null || event.environmentId() == null || event.type() == null || event.key() == null) {
            return Mono.empty();
        }
        Header id = record.headers().lastHeader(Topics.MESSAGE_ID_HEADER);
        Mono<Boolean> work = state.apply(event);
        if (id == null) {
            return work.then(); // applying by revision is idempotent on its own
        }
        return idempotent.processOnce(CONSUMER, new String(id.value(), StandardCharsets.UTF_8), work).then();
    }
}
