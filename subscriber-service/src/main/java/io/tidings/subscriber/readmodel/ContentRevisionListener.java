package io.tidings.subscriber.readmodel;

import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.IdempotentConsumer;
import io.tidings.subscriber.common.Documents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;
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
    private static final Logger log = LoggerFactory.getLogger(ContentRevisionListener.class);

    private final ReadModelRepository readModel;
    private final IdempotentConsumer idempotent;

    public ContentRevisionListener(ReadModelRepository readModel, IdempotentConsumer idempotent) {
        this.readModel = readModel;
        this.idempotent = idempotent;
    }

    @KafkaListener(id = "subscriberReadModel", groupId = "subscriber-service", topics = Topics.CONTENT_REVISIONS,
            properties = "auto.offset.reset=earliest")
    public Mono<Void> onRevision(ConsumerRecord<String, String> record) {
        ContentRevisionEvent event;
        try {
            event = Documents.TOLERANT_JSON.readValue(record.value(), ContentRevisionEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            // a message nobody can read would only block the partition if retried
            log.warn("skipping unreadable content revision at offset {}: {}", record.offset(), e.getMessage());
            return Mono.empty();
        }
        if (event == null || !KEPT.contains(event.type()) || event.environmentId() == null || event.key() == null) {
            return Mono.empty();
        }
        Header id = record.headers().lastHeader(Topics.MESSAGE_ID_HEADER);
        Mono<Boolean> work = readModel.apply(event);
        if (id == null) {
            return work.then(); // applying by revision is idempotent on its own
        }
        return idempotent.processOnce(CONSUMER, new String(id.value(), StandardCharsets.UTF_8), work).then();
    }
}
