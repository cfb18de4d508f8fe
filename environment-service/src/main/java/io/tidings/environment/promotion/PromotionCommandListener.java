package io.tidings.environment.promotion;

import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.Outbox;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.promotion.PromotionParticipant;
import io.tidings.platform.promotion.RevisionLogContentStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes the promotion saga's commands for environment-service (issue 5) and hands them to the
 * shared participant. {@code tidings.promotion.listen=false} keeps it from joining the consumer group
 * (test contexts that are not about promotion, so they do not take commands meant for another).
 */
@Component
public class PromotionCommandListener {

    static final String SERVICE = "environment";

    private final PromotionParticipant participant;

    public PromotionCommandListener(ContentApplier applier, RevisionLog revisions, DatabaseClient db, TransactionalOperator tx, Outbox outbox,
                                    JsonMapper json) {
        this.participant = new PromotionParticipant(SERVICE, new RevisionLogContentStore(revisions, applier::apply), db, tx, outbox, json);
    }

    @KafkaListener(id = "environmentPromotion", groupId = "environment-promotion", topics = Topics.PROMOTION_COMMANDS_PREFIX + SERVICE,
            properties = "auto.offset.reset=earliest", autoStartup = "${tidings.promotion.listen:true}")
    public Mono<Void> onCommand(ConsumerRecord<String, String> record) {
        return participant.handle(record);
    }
}
