package io.tidings.promotion.saga;

import io.tidings.promotion.PromotionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * Moves on every saga whose deadline passed (a participant that never answered, reverts that got
 * lost), and refreshes the in-flight gauges. It reads the table, so after a restart it picks up the
 * sagas the previous process left in flight.
 * <p>
 * On start it first gives every saga in flight at least one more step timeout: while this process
 * was down the participants went on answering, and their replies wait on Kafka until its listener
 * has its partitions. Judging the deadlines at once would compensate sagas whose every step was
 * applied, only because the orchestrator restarted slower than a step timeout.
 */
@Component
class SagaDeadlines implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final SagaOrchestrator orchestrator;
    private final SagaRepository sagas;
    private final PromotionMetrics metrics;
    private final Duration interval;
    private final Duration stepTimeout;
    private final Clock clock;
    private volatile Disposable loop;

    SagaDeadlines(SagaOrchestrator orchestrator, SagaRepository sagas, PromotionMetrics metrics, PromotionSettings settings,
                  Clock clock) {
        this.orchestrator = orchestrator;
        this.sagas = sagas;
        this.metrics = metrics;
        this.interval = settings.sweepInterval();
        this.stepTimeout = settings.stepTimeout();
        this.clock = clock;
    }

    /** Postpones the deadline of every saga in flight to a step timeout from now, unless it is later already. */
    Mono<Void> graceAfterStart() {
        return sagas.postponeDeadlines(clock.instant().plus(stepTimeout))
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("{} saga(s) in flight after a start: each gets {} s for the replies that came meanwhile",
                                count, stepTimeout.toSeconds());
                    }
                })
                .onErrorResume(e -> {
                    log.warn("could not postpone the deadlines of sagas in flight: {}", e.toString());
                    return Mono.empty();
                })
                .then();
    }

    Mono<Void> sweep() {
        return orchestrator.overdue(100)
                .concatMap(orchestrator::onDeadline)
                .then(sagas.inFlightSummary())
                .doOnNext(summary -> metrics.inFlight(summary.count(), summary.oldestStart()))
                .then();
    }

    @Override
    public void start() {
        loop = graceAfterStart()
                .thenMany(Flux.interval(interval))
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(e -> {
                    log.warn("saga deadline sweep failed: {}", e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = loop;
        if (current != null) {
            current.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
