package io.tidings.promotion;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.Outbox;
import io.tidings.platform.promotion.PinnedRevision;
import io.tidings.platform.promotion.PromotionParticipant;
import io.tidings.platform.promotion.RevisionLogContentStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three saga participants inside the test JVM: the real {@link PromotionParticipant} on the
 * real command topics, storing content only as revisions (in this service's database, published
 * through its outbox to the projection, as the owning services do). Content named with
 * {@code REJECT} is refused; a muted service drops the commands it receives, as a dead one would.
 */
@TestConfiguration
class InJvmParticipants {

    static final Set<String> MUTED = ConcurrentHashMap.newKeySet();

    private final PromotionParticipant environment;
    private final PromotionParticipant template;
    private final PromotionParticipant subscriber;

    InJvmParticipants(RevisionLog revisions, DatabaseClient db, TransactionalOperator tx, Outbox outbox, JsonMapper json) {
        RevisionLogContentStore store = new RevisionLogContentStore(revisions, (target, items) -> apply(revisions, target, items));
        environment = new PromotionParticipant("environment", store, db, tx, outbox, json);
        template = new PromotionParticipant("template", store, db, tx, outbox, json);
        subscriber = new PromotionParticipant("subscriber", store, db, tx, outbox, json);
    }

    private static Mono<Void> apply(RevisionLog revisions, RevisionLog.Author target, List<PinnedRevision> items) {
        return Flux.fromIterable(items)
                .concatMap(item -> item.content().path("name").asString("").contains("REJECT")
                        ? Mono.error(new IllegalArgumentException("the test participant rejects " + item.key()))
                        : revisions.append(target, item.type(), item.key(), item.content().path("name").asString(""),
                        item.content(), item.deleted()))
                .then();
    }

    @KafkaListener(id = "itEnvironmentParticipant", groupId = "it-environment-participant",
            topics = Topics.PROMOTION_COMMANDS_PREFIX + "environment", properties = "auto.offset.reset=earliest")
    Mono<Void> environment(ConsumerRecord<String, String> record) {
        return MUTED.contains("environment") ? Mono.empty() : environment.handle(record);
    }

    @KafkaListener(id = "itTemplateParticipant", groupId = "it-template-participant",
            topics = Topics.PROMOTION_COMMANDS_PREFIX + "template", properties = "auto.offset.reset=earliest")
    Mono<Void> template(ConsumerRecord<String, String> record) {
        return MUTED.contains("template") ? Mono.empty() : template.handle(record);
    }

    @KafkaListener(id = "itSubscriberParticipant", groupId = "it-subscriber-participant",
            topics = Topics.PROMOTION_COMMANDS_PREFIX + "subscriber", properties = "auto.offset.reset=earliest")
    Mono<Void> subscriber(ConsumerRecord<String, String> record) {
        return MUTED.contains("subscriber") ? Mono.empty() : subscriber.handle(record);
    }
}
