package io.tidings.promotion.environment;

import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.messaging.Messages;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;


/**
 * Learns each environment's source from {@value Topics#ENVIRONMENT_EVENTS} (created and relinked
 * events; key events are not its business). Each message is applied once per message id.
 */
@Component
public class EnvironmentEventListener {

    static final String CONSUMER = "promotion-service.environments";

    private final EnvironmentChainRepository chain;
    private final IdempotentConsumer idempotent;

    public EnvironmentEventListener(EnvironmentChainRepository chain, IdempotentConsumer idempotent) {
        this.chain = chain;
        this.idempotent = idempotent;
    }

    @KafkaListener(id = "promotionEnvironmentChain", groupId = "promotion-service", topics = Topics.ENVIRONMENT_EVENTS,
            properties = "auto.offset.reset=earliest")
    public Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        return Messages.read(record, EnvironmentEvent.class)
                .filter(event -> event.environmentId() != null && event.organizationId() != null && event.kind() != null
                        && (event.type() == EnvironmentEvent.Type.ENVIRONMENT_CREATED
                        || event.type() == EnvironmentEvent.Type.ENVIRONMENT_RELINKED))
                // without a message id, events are ordered by occurredAt, so applying twice changes nothing
                .map(event -> idempotent.processRecord(CONSUMER, record, chain.apply(event)))
                .orElse(Mono.empty());
    }
}
