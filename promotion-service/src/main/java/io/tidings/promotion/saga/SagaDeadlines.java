package io.tidings.promotion.saga;

import io.tidings.promotion.PromotionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.tidings.platform.scheduling.PeriodicTask;
import org.springframework.stereotype.Component;
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
class SagaDeadlines extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final SagaOrchestrator orchestrator;
    private final SagaRepository sagas;
    private final PromotionMetrics metrics;
    private final Duration stepTimeout;
    private final Clock clock;

    SagaDeadlines(SagaOrchestrator orchestrator, SagaRepository sagas, PromotionMetrics metrics, PromotionSettings settings,
                  Clock clock) {
        super("saga deadline sweep", settings.sweepInterval(), settings.sweepInterval());
        this.orchestrator = orchestrator;
        this.sagas = sagas;
        this.metrics = metrics;
        this.stepTimeout = settings.stepTimeout();
        this.clock = clock;
    }

    /** Postpones the deadline of every saga in flight to a step timeout from now, unless it is later already. */
    @Override
    protected Mono<Void> beforeFirstRun() {
        return sagas.postponeDeadlines(clock.instant().plus(stepTimeout))
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("{} saga(s) in flight after a start: each gets {} s for the replies that came meanwhile",
                                count, stepTimeout.toSeconds());
                    }
                })
                .then();
    }

    @Override
    protected Mono<Void> runOnce() {
        return orchestrator.overdue(100)
                .concatMap(orchestrator::onDeadline)
                .then(sagas.inFlightSummary())
                .doOnNext(summary -> metrics.inFlight(summary.count(), summary.oldestStart()))
                .then();
    }
}
