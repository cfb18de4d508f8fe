package io.tidings.promotion.saga;

import io.tidings.promotion.PromotionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Moves on every saga whose deadline passed (a participant that never answered, reverts that got
 * lost), and refreshes the in-flight gauges. It reads the table, so after a restart it picks up the
 * sagas the previous process left in flight.
 */
@Component
class SagaDeadlines implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final SagaOrchestrator orchestrator;
    private final SagaRepository sagas;
    private final PromotionMetrics metrics;
    private final Duration interval;
    private volatile Disposable loop;

    SagaDeadlines(SagaOrchestrator orchestrator, SagaRepository sagas, PromotionMetrics metrics, PromotionSettings settings) {
        this.orchestrator = orchestrator;
        this.sagas = sagas;
        this.metrics = metrics;
        this.interval = settings.sweepInterval();
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
        loop = Flux.interval(interval)
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
