package io.tidings.promotion.saga;

import io.tidings.platform.messaging.ApplyFailed;
import io.tidings.platform.messaging.ChangesApplied;
import io.tidings.platform.messaging.ChangesReverted;
import io.tidings.platform.messaging.Messages;
import io.tidings.platform.messaging.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * The participants' replies, from {@value Topics#PROMOTION_REPLIES}. The orchestrator ignores a
 * reply that does not match the state of its step, so a redelivered reply changes nothing; an
 * offset is committed only after the move is committed, so a reply that arrives while the
 * orchestrator is down is handled when it is back.
 */
@Component
class SagaReplyListener {

    private static final Logger log = LoggerFactory.getLogger(SagaReplyListener.class);

    private final SagaOrchestrator orchestrator;

    SagaReplyListener(SagaOrchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @KafkaListener(id = "promotionSagaReplies", groupId = "promotion-service.saga", topics = Topics.PROMOTION_REPLIES,
            properties = "auto.offset.reset=earliest")
    public Mono<Void> onReply(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Topics.MESSAGE_TYPE_HEADER);
        String type = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
        if (ChangesApplied.class.getSimpleName().equals(type)) {
            return Messages.read(record, ChangesApplied.class).map(orchestrator::onApplied).orElse(Mono.empty());
        }
        if (ApplyFailed.class.getSimpleName().equals(type)) {
            return Messages.read(record, ApplyFailed.class).map(orchestrator::onFailed).orElse(Mono.empty());
        }
        if (ChangesReverted.class.getSimpleName().equals(type)) {
            return Messages.read(record, ChangesReverted.class).map(orchestrator::onReverted).orElse(Mono.empty());
        }
        log.warn("skipping a promotion reply of unknown type '{}'", type);
        return Mono.empty();
    }
}
