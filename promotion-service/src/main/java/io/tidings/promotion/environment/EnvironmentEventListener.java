package io.tidings.promotion.environment;

import io.tidings.platform.messaging.EnvironmentEvent;
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
 * Learns each environment's source from {@value Topics#ENVIRONMENT_EVENTS} (created and relinked
 * events; key events are not its business). Each message is applied once per message id.
 */
@Component
public class EnvironmentEventListener {

    static final String CONSUMER = "promotion-service.environments";
    private static final Logger log = LoggerFactory.getLogger(EnvironmentEventListener.class);

    private final EnvironmentChainRepository chain;
    private final IdempotentConsumer idempotent;

    public EnvironmentEventListener(EnvironmentChainRepository chain, IdempotentConsumer idempotent) {
        this.chain = chain;
        this.idempotent = idempotent;
    }

    @KafkaListener(id = "promotionEnvironmentChain", groupId = "promotion-service", topics = Topics.ENVIRONMENT_EVENTS,
            properties = "auto.offset.reset=earliest")
    public Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        EnvironmentEvent event;
        try {
            event = Json.TOLERANT_JSON.readValue(record.value(), EnvironmentEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            // a message nobody can read would only block the partition if retried
            log.warn("skipping unreadable environment event at offset {}: {}", record.offset(), e.getMessage());
            return Mono.empty();
        }
        if (event == null || event.environmentId() == null || event.organizationId() == null || event.kind() == null
                || (event.type() != EnvironmentEvent.Type.ENVIRONMENT_CREATED
                && event.type() != EnvironmentEvent.Type.ENVIRONMENT_RELINKED)) {
            return Mono.empty();
        }
        Header id = record.headers().lastHeader(Topics.MESSAGE_ID_HEADER);
        Mono<Boolean> work = chain.apply(event);
        if (id == null) {
            return work.then(); // ordered by occurredAt, so applying twice changes nothing
        }
        return idempotent.processOnce(CONSUMER, new String(id.value(), StandardCharsets.UTF_8), work).then();
    }
}
