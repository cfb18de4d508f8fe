package io.tidings.promotion.change;

import io.tidings.promotion.PromotionSettings;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidings.platform.context.EnvironmentKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code tidings_changes_pending{environment_kind}}: pending changes summed over every environment
 * of that kind that has a target, recomputed by a non-blocking query every
 * {@code tidings.promotion.pending-metric-interval}.
 */
@Component
class PendingChangesMetric implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingChangesMetric.class);

    private final ChangeRepository changes;
    private final PromotionSettings settings;
    private final Map<EnvironmentKind, AtomicLong> pending = new EnumMap<>(EnvironmentKind.class);
    private volatile Disposable refresher;

    PendingChangesMetric(ChangeRepository changes, PromotionSettings settings, MeterRegistry registry) {
        this.changes = changes;
        this.settings = settings;
        for (EnvironmentKind kind : EnvironmentKind.values()) {
            AtomicLong value = new AtomicLong();
            pending.put(kind, value);
            Gauge.builder("tidings.changes.pending", value, AtomicLong::get)
                    .description("Changes waiting to be promoted from environments of this kind to their targets")
                    .tag("environment_kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /** Recomputes every kind's value once. */
    Mono<Void> refresh() {
        return changes.pendingByKind()
                .collectMap(ChangeRepository.KindCount::kind, ChangeRepository.KindCount::count, HashMap::new)
                .doOnNext(counts -> pending.forEach((kind, value) -> value.set(counts.getOrDefault(kind.name(), 0L))))
                .then();
    }

    @Override
    public void start() {
        refresher = Flux.interval(Duration.ZERO, settings.pendingMetricInterval())
                .onBackpressureDrop()
                .concatMap(tick -> refresh().onErrorResume(e -> {
                    log.warn("cannot refresh tidings_changes_pending: {}", e.getMessage());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = refresher;
        if (current != null) {
            current.dispose();
        }
        refresher = null;
    }

    @Override
    public boolean isRunning() {
        return refresher != null && !refresher.isDisposed();
    }
}
