package io.tidings.platform.promotion;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.messaging.ApplyChanges;
import io.tidings.platform.messaging.ApplyFailed;
import io.tidings.platform.messaging.ChangesApplied;
import io.tidings.platform.messaging.ChangesReverted;
import io.tidings.platform.messaging.PreviousState;
import io.tidings.platform.messaging.PromotionItem;
import io.tidings.platform.messaging.RevertChanges;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.Outbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The participant side of the promotion saga, the same for every service that owns promotable
 * content; the service supplies its {@link ContentStore}. Each (promotionId, step) is recorded in
 * {@code promotion_steps} with the reply given, in the transaction that does the work:
 * <ul>
 *   <li>{@link ApplyChanges}: reads what the target holds for every item, applies all items,
 *       records the step with those previous states and appends {@link ChangesApplied} to the
 *       outbox, in one transaction. If anything fails, nothing is kept and a new transaction
 *       records the step FAILED and appends {@link ApplyFailed}. A step already recorded is
 *       answered again with its recorded reply and changes nothing.</li>
 *   <li>{@link RevertChanges}: an APPLIED step gets its previous states put back and becomes
 *       REVERTED, with {@link ChangesReverted}, in one transaction. Anything else only gets
 *       {@link ChangesReverted} again; a step never seen is recorded REVERTED first, so an
 *       {@link ApplyChanges} arriving after its revert is refused instead of applied.</li>
 * </ul>
 * The row is claimed by an insert before the work, so two deliveries of one command running at
 * once are serialized by the primary key: the second waits, then finds the step recorded.
 */
public class PromotionParticipant {

    /** The actor of every revision a promotion writes. */
    public static final String ACTOR = "promotion";

    private static final Logger log = LoggerFactory.getLogger(PromotionParticipant.class);
    private static final Map<String, Class<?>> REPLIES = Map.of(
            ChangesApplied.class.getSimpleName(), ChangesApplied.class,
            ApplyFailed.class.getSimpleName(), ApplyFailed.class);

    private final String service;
    private final ContentStore store;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final JsonMapper json;

    /** @param service the name in the command topic and in replies: environment, template or subscriber */
    public PromotionParticipant(String service, ContentStore store, DatabaseClient db, TransactionalOperator tx,
                                Outbox outbox, JsonMapper json) {
        this.service = service;
        this.store = store;
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.json = json;
    }

    /** Entry point for a {@code @KafkaListener} on {@code Topics.promotionCommands(service)}. */
    public Mono<Void> handle(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(Topics.MESSAGE_TYPE_HEADER);
        return handle(type == null ? null : new String(type.value(), StandardCharsets.UTF_8), record.value());
    }

    /** Handles one command given its type header and JSON payload; skips what it cannot read. */
    public Mono<Void> handle(String type, String payload) {
        try {
            if (ApplyChanges.class.getSimpleName().equals(type)) {
                ApplyChanges command = json.readValue(payload, ApplyChanges.class);
                return identified(command.promotionId(), command.organizationId(), command.targetEnvironmentId())
                        ? apply(command) : skip(type, "promotionId, organizationId and targetEnvironmentId are required");
            }
            if (RevertChanges.class.getSimpleName().equals(type)) {
                RevertChanges command = json.readValue(payload, RevertChanges.class);
                return identified(command.promotionId(), command.organizationId(), command.targetEnvironmentId())
                        ? revert(command) : skip(type, "promotionId, organizationId and targetEnvironmentId are required");
            }
            return skip(type, "unknown message type");
        } catch (JacksonException | IllegalArgumentException e) {
            // a command nobody can read would only block the partition if retried
            return skip(type, e.getMessage());
        }
    }

    public Mono<Void> apply(ApplyChanges command) {
        Mono<Void> once = insert(command.promotionId(), command.step(), command.organizationId(), command.targetEnvironmentId(),
                "APPLIED", new ApplyFailed(command.promotionId(), command.step(), service, "unfinished"))
                .flatMap(claimed -> claimed ? applyClaimed(command) : resend(command.promotionId(), command.step()));
        return tx.transactional(once)
                .onErrorResume(e -> tx.transactional(fail(command, e)));
    }

    public Mono<Void> revert(RevertChanges command) {
        UUID promotionId = command.promotionId();
        int step = command.step();
        Mono<Void> work = insert(promotionId, step, command.organizationId(), command.targetEnvironmentId(), "REVERTED",
                new ApplyFailed(promotionId, step, service, "step " + step + " was reverted before it was applied"))
                .then(db.sql("SELECT status, previous FROM promotion_steps WHERE promotion_id = :promotionId AND step = :step FOR UPDATE")
                        .bind("promotionId", promotionId)
                        .bind("step", step)
                        .map(row -> new String[] {row.get("status", String.class), row.get("previous", String.class)})
                        .one())
                .flatMap(recorded -> "APPLIED".equals(recorded[0])
                        ? restore(command, List.of(json.readValue(recorded[1], PreviousState[].class))).then(markReverted(promotionId, step))
                        : Mono.empty())
                .then(send(promotionId, new ChangesReverted(promotionId, step, service)));
        return tx.transactional(work);
    }

    // --- apply --------------------------------------------------------------------------------

    private Mono<Void> applyClaimed(ApplyChanges command) {
        UUID env = command.targetEnvironmentId();
        List<PromotionItem> items = command.items() == null ? List.of() : command.items();
        return Mono.fromRunnable(() -> items.forEach(PromotionParticipant::check))
                .then(Mono.defer(() -> store.currentAll(env, items)))
                .flatMap(previous -> store.apply(author(command.organizationId(), env), withContent(items, previous))
                        .then(Mono.defer(() -> {
                            ChangesApplied reply = new ChangesApplied(command.promotionId(), command.step(), service, previous);
                            return db.sql("UPDATE promotion_steps SET reply_type = :type, reply_payload = :payload, previous = :previous "
                                            + "WHERE promotion_id = :promotionId AND step = :step")
                                    .bind("type", ChangesApplied.class.getSimpleName())
                                    .bind("payload", json.writeValueAsString(reply))
                                    .bind("previous", json.writeValueAsString(previous))
                                    .bind("promotionId", command.promotionId())
                                    .bind("step", command.step())
                                    .fetch().rowsUpdated()
                                    .then(send(command.promotionId(), reply));
                        })));
    }

    private static void check(PromotionItem item) {
        if (item == null || item.type() == null || item.key() == null) {
            throw new IllegalArgumentException("every item needs a type and a key");
        }
    }

    /** A delete may come without content: it keeps the target's last content, as an API delete does. */
    private List<PromotionItem> withContent(List<PromotionItem> items, List<PreviousState> previous) {
        List<PromotionItem> filled = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            PromotionItem item = items.get(i);
            if (!hasContent(item.content())) {
                JsonNode content = hasContent(previous.get(i).content()) ? previous.get(i).content() : json.createObjectNode();
                item = new PromotionItem(item.type(), item.key(), item.sourceRevision(), content, item.deleted());
            }
            filled.add(item);
        }
        return filled;
    }

    private Mono<Void> fail(ApplyChanges command, Throwable error) {
        String reason = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        log.warn("{} refused step {} of promotion {}: {}", service, command.step(), command.promotionId(), reason);
        ApplyFailed reply = new ApplyFailed(command.promotionId(), command.step(), service, reason);
        return insert(command.promotionId(), command.step(), command.organizationId(), command.targetEnvironmentId(), "FAILED", reply)
                .flatMap(inserted -> inserted ? send(command.promotionId(), reply) : resend(command.promotionId(), command.step()));
    }

    // --- revert -------------------------------------------------------------------------------

    /** Puts each previous state back: content that existed is applied again, the rest deleted. */
    private Mono<Void> restore(RevertChanges command, List<PreviousState> previous) {
        UUID env = command.targetEnvironmentId();
        return Flux.fromIterable(previous)
                .concatMap(before -> {
                    if (!missing(before)) {
                        return Mono.just(new PromotionItem(before.type(), before.key(), before.revision(), before.content(), false));
                    }
                    // delete only what is there now; a deleted revision keeps its content, as an API delete does
                    return store.current(env, before.type(), before.key())
                            .filter(now -> !missing(now))
                            .map(now -> new PromotionItem(before.type(), before.key(), now.revision(),
                                    hasContent(before.content()) ? before.content() : now.content(), true));
                })
                .collectList()
                .flatMap(items -> items.isEmpty() ? Mono.empty() : store.apply(author(command.organizationId(), env), items));
    }

    private Mono<Void> markReverted(UUID promotionId, int step) {
        return db.sql("UPDATE promotion_steps SET status = 'REVERTED' WHERE promotion_id = :promotionId AND step = :step")
                .bind("promotionId", promotionId)
                .bind("step", step)
                .fetch().rowsUpdated().then();
    }

    // --- the steps table and the outbox ------------------------------------------------------

    /** Records the step unless it is recorded already; emits whether this call recorded it. */
    private Mono<Boolean> insert(UUID promotionId, int step, UUID organizationId, UUID environmentId, String status, Object reply) {
        return db.sql("INSERT INTO promotion_steps (promotion_id, step, status, reply_type, reply_payload, target_environment_id, "
                        + "organization_id) VALUES (:promotionId, :step, :status, :type, :payload, :env, :org) ON CONFLICT DO NOTHING")
                .bind("promotionId", promotionId)
                .bind("step", step)
                .bind("status", status)
                .bind("type", reply.getClass().getSimpleName())
                .bind("payload", json.writeValueAsString(reply))
                .bind("env", environmentId)
                .bind("org", organizationId)
                .fetch().rowsUpdated()
                .map(inserted -> inserted > 0);
    }

    /** Appends the reply recorded for the step again, for a duplicate command. */
    private Mono<Void> resend(UUID promotionId, int step) {
        return db.sql("SELECT reply_type, reply_payload FROM promotion_steps WHERE promotion_id = :promotionId AND step = :step")
                .bind("promotionId", promotionId)
                .bind("step", step)
                .map(row -> json.readValue(row.get("reply_payload", String.class), REPLIES.get(row.get("reply_type", String.class))))
                .one()
                .flatMap(reply -> send(promotionId, reply));
    }

    private Mono<Void> send(UUID promotionId, Object reply) {
        return outbox.append(Topics.PROMOTION_REPLIES, promotionId.toString(), reply).then();
    }

    /** The entity did not exist in the target: never created, or deleted. */
    private static boolean missing(PreviousState state) {
        return state.revision() == null || state.deleted();
    }

    /** Null content arrives as Java null or, once through JSON, as a NullNode. */
    private static boolean hasContent(JsonNode content) {
        return content != null && !content.isNull() && !content.isMissingNode();
    }

    private static RevisionLog.Author author(UUID organizationId, UUID environmentId) {
        return new RevisionLog.Author(organizationId, environmentId, ACTOR);
    }

    private static boolean identified(UUID promotionId, UUID organizationId, UUID environmentId) {
        return promotionId != null && organizationId != null && environmentId != null;
    }

    private Mono<Void> skip(String type, String why) {
        log.warn("{} skips promotion command of type {}: {}", service, type, why);
        return Mono.empty();
    }
}
