package io.tidings.promotion.saga;

import io.tidings.platform.messaging.ApplyChanges;
import io.tidings.platform.messaging.ApplyFailed;
import io.tidings.platform.messaging.ChangesApplied;
import io.tidings.platform.messaging.ChangesReverted;
import io.tidings.platform.messaging.PromotionFinished;
import io.tidings.platform.messaging.PromotionItem;
import io.tidings.platform.messaging.RevertChanges;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.Outbox;
import io.tidings.platform.web.ApiException;
import io.tidings.promotion.PromotionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tidings.promotion.saga.SagaState.COMPENSATING;
import static io.tidings.promotion.saga.SagaState.COMPLETED;
import static io.tidings.promotion.saga.SagaState.FAILED;
import static io.tidings.promotion.saga.SagaState.RUNNING;

/**
 * The promotion saga's orchestrator. Every move is one transaction that locks the saga's row,
 * changes its persisted state and appends the next command to the outbox, so a crash at any point
 * leaves either the old state with nothing sent, or the new state with its command on the way; a
 * restarted orchestrator carries on from the table. Up to {@code steps-in-flight} steps are sent
 * at once (a participant takes its steps in order, from one partition), the next one as each is
 * applied:
 * <pre>
 *   step k sent --ChangesApplied--> step k applied, next pending step sent ... all applied: completed
 *   step k sent --ApplyFailed, or no progress in time--> compensating: RevertChanges to every step
 *               applied or still in flight (a revert that overtakes its apply makes it a refusal)
 *               --all ChangesReverted--> failed
 * </pre>
 * A reply for a step that is not in the state it answers (a duplicate, or late) changes nothing.
 */
@Component
public class SagaOrchestrator {

    private static final Logger log = LoggerFactory.getLogger(SagaOrchestrator.class);

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String APPLIED = "applied";
    static final String STEP_FAILED = "failed";
    static final String REVERTING = "reverting";
    static final String REVERTED = "reverted";

    private final SagaRepository sagas;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final PromotionMetrics metrics;
    private final Clock clock;
    private final Duration stepTimeout;
    private final int stepMaxItems;
    private final int stepMaxBytes;
    private final int stepsInFlight;

    public SagaOrchestrator(SagaRepository sagas, Outbox outbox, TransactionalOperator tx, PromotionMetrics metrics,
                            Clock clock, PromotionSettings settings) {
        this.sagas = sagas;
        this.outbox = outbox;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = clock;
        this.stepTimeout = settings.stepTimeout();
        this.stepMaxItems = settings.stepMaxItems();
        this.stepMaxBytes = settings.stepMaxBytes();
        this.stepsInFlight = Math.max(1, settings.stepsInFlight());
    }

    /**
     * Persists the saga with its pinned items and sends its first step. Refused with 409 naming the
     * saga in flight when one to the same target has not finished.
     */
    public Mono<UUID> start(NewSaga saga) {
        List<SagaStep> steps = SagaSteps.of(saga.items(), stepMaxItems, stepMaxBytes);
        if (steps.isEmpty()) {
            return Mono.error(ApiException.conflict("there is nothing to promote"));
        }
        Instant now = clock.instant();
        Mono<UUID> started = sagas.insert(saga, steps, now, now.plus(stepTimeout))
                .then(sagas.lock(saga.promotionId()))
                .flatMapMany(state -> Flux.range(1, Math.min(stepsInFlight, steps.size())).concatMap(step -> send(state, step)))
                .then()
                .thenReturn(saga.promotionId());
        return tx.transactional(started)
                .onErrorResume(DuplicateKeyException.class, e -> sagas.inFlight(saga.targetEnvironmentId())
                        .defaultIfEmpty(saga.promotionId())
                        .flatMap(running -> Mono.error(new ApiException(HttpStatus.CONFLICT,
                                "promotion " + running + " to this environment is still running; try again when it has finished",
                                Map.of("promotionId", running)))));
    }

    public Mono<Void> onApplied(ChangesApplied reply) {
        return move(reply.promotionId(), state -> sagas.stepStatus(state.promotionId(), reply.step())
                .filter(status -> SENT.equals(status) && RUNNING.equals(state.status()))
                // anything else is a duplicate, or a late apply of a step being reverted: its revert follows it
                .flatMap(status -> sagas.recordPrevious(state.promotionId(), reply.step(), reply.previous())
                        .then(sagas.setStepStatus(state.promotionId(), reply.step(), APPLIED))
                        .then(sagas.countSteps(state.promotionId(), APPLIED))
                        .flatMap(applied -> applied >= state.stepsTotal()
                                ? finish(state, COMPLETED)
                                : sagas.moveOn(state.promotionId(), RUNNING, null, clock.instant().plus(stepTimeout))
                                .then(sagas.steps(state.promotionId(), List.of(PENDING)).next())
                                .flatMap(next -> send(state, next.step()))
                                .then(Mono.<Finished>empty()))));
    }

    public Mono<Void> onFailed(ApplyFailed reply) {
        return move(reply.promotionId(), state -> sagas.stepStatus(state.promotionId(), reply.step())
                .filter(status -> SENT.equals(status) && RUNNING.equals(state.status()))
                .flatMap(status -> sagas.setStepStatus(state.promotionId(), reply.step(), STEP_FAILED)
                        .then(compensate(state, reply.service() + " refused step " + reply.step() + ": " + reply.reason()))));
    }

    public Mono<Void> onReverted(ChangesReverted reply) {
        return move(reply.promotionId(), state -> sagas.stepStatus(state.promotionId(), reply.step())
                .filter(REVERTING::equals)
                .flatMap(status -> sagas.setStepStatus(state.promotionId(), reply.step(), REVERTED))
                .then(Mono.defer(() -> COMPENSATING.equals(state.status()) ? finishWhenReverted(state) : Mono.empty())));
    }

    /**
     * The step in flight got no answer in time: compensate. Reverts that got no answer in time are
     * sent again; they are idempotent, and the target stays as it was until they all answer.
     */
    public Mono<Void> onDeadline(UUID promotionId) {
        return move(promotionId, state -> {
            if (state.deadline().isAfter(clock.instant())) {
                return Mono.empty(); // another replica moved it on meanwhile
            }
            if (RUNNING.equals(state.status())) {
                return sagas.steps(state.promotionId(), List.of(SENT)).next()
                        .map(step -> step.service() + " did not answer step " + step.step() + " within "
                                + stepTimeout.toSeconds() + "s")
                        .defaultIfEmpty("no step was in flight")
                        .flatMap(reason -> compensate(state, reason));
            }
            if (COMPENSATING.equals(state.status())) {
                log.warn("promotion {}: reverts not all answered, sending them again", state.promotionId());
                metrics.revertResent();
                return sagas.steps(state.promotionId(), List.of(REVERTING))
                        .concatMap(step -> revert(state, step))
                        .then(sagas.moveOn(state.promotionId(), COMPENSATING, null, clock.instant().plus(stepTimeout)))
                        .then(Mono.<Finished>empty());
            }
            return Mono.<Finished>empty();
        });
    }

    /** Runs a move on the locked saga in one transaction; afterwards counts what it finished. */
    private Mono<Void> move(UUID promotionId, java.util.function.Function<SagaState, Mono<Finished>> work) {
        return tx.transactional(sagas.lock(promotionId)
                        .filter(state -> RUNNING.equals(state.status()) || COMPENSATING.equals(state.status()))
                        .flatMap(work))
                .doOnNext(metrics::finished)
                .then();
    }

    /** Marks every applied step for revert and sends the reverts; with none, the saga fails at once. */
    private Mono<Finished> compensate(SagaState state, String reason) {
        log.warn("promotion {} compensates: {}", state.promotionId(), reason);
        metrics.compensationStarted();
        // steps still in flight are reverted too: on their topic the revert follows the apply, or
        // arrives first and makes the apply a refusal
        return sagas.steps(state.promotionId(), List.of(APPLIED, SENT))
                .concatMap(step -> sagas.setStepStatus(state.promotionId(), step.step(), REVERTING))
                .then(sagas.moveOn(state.promotionId(), COMPENSATING, reason, clock.instant().plus(stepTimeout)))
                .thenMany(sagas.steps(state.promotionId(), List.of(REVERTING)))
                .concatMap(step -> revert(state, step))
                .then(Mono.defer(() -> finishWhenReverted(new SagaState(state.promotionId(), state.organizationId(),
                        state.sourceEnvironmentId(), state.targetEnvironmentId(), state.kind(), COMPENSATING, state.stepsTotal(),
                        state.createdAt(), state.deadline()))));
    }

    private Mono<Finished> finishWhenReverted(SagaState state) {
        return sagas.steps(state.promotionId(), List.of(REVERTING)).hasElements()
                .flatMap(waiting -> waiting ? Mono.empty() : finish(state, FAILED));
    }


    private Mono<Finished> finish(SagaState state, String status) {
        Instant now = clock.instant();
        return sagas.finish(state.promotionId(), status, now)
                .flatMap(reason -> sagas.countsByType(state.promotionId()).flatMap(counts -> {
                    int items = counts.values().stream().mapToInt(Long::intValue).sum();
                    PromotionFinished event = new PromotionFinished(state.promotionId(), state.organizationId(),
                            state.sourceEnvironmentId(), state.targetEnvironmentId(), state.kind().label(), status,
                            reason.isEmpty() ? null : reason, items, state.createdAt(), now);
                    return outbox.append(Topics.PROMOTION_EVENTS, state.targetEnvironmentId().toString(), event)
                            .thenReturn(new Finished(state.kind(), status, Duration.between(state.createdAt(), now), counts));
                }));
    }

    private Mono<Void> send(SagaState state, int step) {
        return sagas.serviceOf(state.promotionId(), step)
                .flatMap(service -> sagas.items(state.promotionId(), step)
                        .map(item -> new PromotionItem(item.type(), item.key(), item.sourceRevision(), item.content(), item.deleted()))
                        .collectList()
                        .flatMap(items -> outbox.append(Topics.promotionCommands(service), state.promotionId().toString(),
                                new ApplyChanges(state.promotionId(), step, state.organizationId(), state.targetEnvironmentId(), items))))
                .then(sagas.setStepStatus(state.promotionId(), step, SENT));
    }

    private Mono<Void> revert(SagaState state, SagaRepository.StepRef step) {
        return outbox.append(Topics.promotionCommands(step.service()), state.promotionId().toString(),
                new RevertChanges(state.promotionId(), step.step(), state.organizationId(), state.targetEnvironmentId())).then();
    }

    /** A saga that ended, for the metrics. */
    public record Finished(SagaKind kind, String status, Duration duration, Map<String, Long> itemsByType) {
    }

    Flux<UUID> overdue(int limit) {
        return sagas.overdue(clock.instant(), limit);
    }
}
