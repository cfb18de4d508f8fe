package io.tidings.promotion.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tidings.platform.content.ContentTypes;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The promotion metrics the Grafana dashboard reads. Every series exists from the start (zero),
 * so a dashboard or alert query never sees "no data" just because nothing has failed yet.
 * Discards change the source, not a target, so they are not counted as promotions.
 */
@Component
public class PromotionMetrics {

    private final MeterRegistry registry;
    private final Counter compensations;
    private final Counter revertsResent;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicReference<Instant> oldestStart = new AtomicReference<>();

    public PromotionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : new String[] {SagaState.COMPLETED, SagaState.FAILED}) {
            promotions(outcome);
            duration(outcome);
        }
        ContentTypes.ALL.forEach(this::changes);
        this.compensations = Counter.builder("tidings.saga.compensations")
                .description("Sagas that had to revert what their participants applied")
                .register(registry);
        this.revertsResent = Counter.builder("tidings.saga.reverts.resent")
                .description("Rounds of reverts sent again because a participant did not answer in time")
                .register(registry);
        Gauge.builder("tidings.promotions.running", inFlight, AtomicLong::get)
                .description("Sagas in flight (running or compensating)")
                .register(registry);
        Gauge.builder("tidings.promotion.oldest.running", oldestStart, start -> start.get() == null ? 0
                        : Duration.between(start.get(), Instant.now()).toMillis() / 1000.0)
                .description("Age in seconds of the oldest saga in flight; 0 when none")
                .baseUnit("seconds")
                .register(registry);
    }

    void finished(SagaOrchestrator.Finished finished) {
        if (finished.kind() == SagaKind.DISCARD) {
            return;
        }
        promotions(finished.status()).increment();
        duration(finished.status()).record(finished.duration());
        if (SagaState.COMPLETED.equals(finished.status())) {
            finished.itemsByType().forEach((type, n) -> changes(type).increment(n));
        }
    }

    void compensationStarted() {
        compensations.increment();
    }

    void revertResent() {
        revertsResent.increment();
    }

    void inFlight(long count, Instant oldest) {
        inFlight.set(count);
        oldestStart.set(oldest);
    }

    private Counter promotions(String outcome) {
        return Counter.builder("tidings.promotions")
                .description("Promotions and rollbacks that ended, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Timer duration(String outcome) {
        return Timer.builder("tidings.promotion.duration")
                .description("From the promote call to the end of the saga")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private Counter changes(String type) {
        return Counter.builder("tidings.promotion.changes")
                .description("Changes promoted by completed sagas, by content type")
                .tag("type", type)
                .register(registry);
    }
}
