package io.tidings.promotion.promotion;

import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import io.tidings.promotion.change.ChangeCandidate;
import io.tidings.promotion.change.ChangeRepository;
import io.tidings.promotion.environment.EnvironmentChainRepository;
import io.tidings.promotion.saga.NewSaga;
import io.tidings.promotion.saga.SagaItem;
import io.tidings.promotion.saga.SagaKind;
import io.tidings.promotion.saga.SagaOrchestrator;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Starts sagas: promotions, rollbacks and discards, each after its checks. */
@Component
class Promotions {

    /** Items a promotion shows inline; a promotion of every change may carry ten thousand. */
    static final int ITEMS_SHOWN = 100;

    private final PromotionPlanner planner;
    private final PromotionHistory history;
    private final ChangeRepository changes;
    private final EnvironmentChainRepository chain;
    private final SagaOrchestrator orchestrator;

    Promotions(PromotionPlanner planner, PromotionHistory history, ChangeRepository changes, EnvironmentChainRepository chain,
               SagaOrchestrator orchestrator) {
        this.planner = planner;
        this.history = history;
        this.changes = changes;
        this.chain = chain;
        this.orchestrator = orchestrator;
    }

    /** The plan for the selection (null: all) from the context's environment to its target. */
    Mono<Plan> plan(EnvironmentContext context, List<UUID> changeIds, boolean strictDependencies) {
        return target(context).flatMap(target -> planner.plan(context.environmentId(), target, changeIds, strictDependencies));
    }

    Mono<PromotionView> promote(EnvironmentContext context, List<UUID> changeIds, boolean strictDependencies) {
        return plan(context, changeIds, strictDependencies)
                .flatMap(plan -> start(context, plan.sourceEnvironmentId(), plan.targetEnvironmentId(), SagaKind.PROMOTION, null,
                        plan.items()));
    }

    /** A new saga that puts back what a completed promotion replaced, unless a later one touched it. */
    Mono<PromotionView> rollback(EnvironmentContext context, UUID promotionId) {
        return find(context, promotionId)
                .flatMap(original -> {
                    if (!"completed".equals(original.status())) {
                        return Mono.error(ApiException.conflict("promotion " + promotionId + " is " + original.status()
                                + "; only a completed promotion can be rolled back"));
                    }
                    if ("discard".equals(original.kind())) {
                        return Mono.error(ApiException.conflict("a discard cannot be rolled back; edit the entity again instead"));
                    }
                    return history.touchedLater(promotionId).collectList().flatMap(touched -> touched.isEmpty()
                            ? history.reverseItems(promotionId).collectList()
                            .flatMap(items -> start(context, UUID.fromString(original.sourceEnvironmentId()),
                                    UUID.fromString(original.targetEnvironmentId()), SagaKind.ROLLBACK, promotionId, items))
                            : Mono.error(new ApiException(HttpStatus.CONFLICT, "promotion " + promotionId
                            + " cannot be rolled back: a later promotion changed " + String.join(", ", touched),
                            Map.of("items", touched))));
                });
    }

    /** Puts the source entity back to the target's content, as a new revision in the source. */
    Mono<PromotionView> discard(EnvironmentContext context, UUID changeId) {
        return target(context)
                .flatMap(target -> changes.candidates(context.environmentId(), target, new UUID[] {changeId}).next())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("no pending change " + changeId + " in this environment")))
                .flatMap(change -> start(context, context.environmentId(), context.environmentId(), SagaKind.DISCARD, null,
                        List.of(discardItem(change))));
    }

    /** The promotion with its first {@value #ITEMS_SHOWN} items; {@code /items} pages through all of them. */
    Mono<PromotionView> find(EnvironmentContext context, UUID promotionId) {
        return visible(context, promotionId)
                .flatMap(view -> history.items(promotionId, 0, ITEMS_SHOWN).collectList().map(view::withItems));
    }

    /** The promotion as the caller may see it (its organization, its environment at either end), or 404. */
    Mono<PromotionView> visible(EnvironmentContext context, UUID promotionId) {
        return history.find(context.organizationId(), context.environmentId(), promotionId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("no promotion " + promotionId + " in this environment")));
    }

    private Mono<PromotionView> start(EnvironmentContext context, UUID source, UUID target, SagaKind kind, UUID rollbackOf,
                                      List<SagaItem> items) {
        NewSaga saga = new NewSaga(Ids.uuid(), context.organizationId(), source, target, kind, rollbackOf,
                context.principal().name().toLowerCase(Locale.ROOT), items);
        return orchestrator.start(saga).flatMap(id -> find(context, id));
    }

    /** The environment the context's environment promotes to; 409 at the end of the chain. */
    private Mono<UUID> target(EnvironmentContext context) {
        return chain.targetOf(context.organizationId(), context.environmentId())
                .switchIfEmpty(Mono.justOrEmpty(context.targetEnvironmentId()))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "this environment is the end of its chain; there is no environment to promote to")));
    }

    /** The source takes the target's content back, or loses an entity the target does not have. */
    private static SagaItem discardItem(ChangeCandidate change) {
        if (change.liveInTarget()) {
            return new SagaItem(change.changeId(), change.type(), change.key(), change.name(), change.changeType(),
                    change.targetRevision(), change.sourceRevision(), false, change.targetContent(), false);
        }
        return new SagaItem(change.changeId(), change.type(), change.key(), change.name(), change.changeType(),
                change.sourceRevision(), change.sourceRevision(), true, change.sourceContent(), false);
    }
}
