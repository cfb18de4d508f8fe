package io.tidings.promotion.change;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.scheduling.PeriodicTask;
import io.tidings.promotion.PromotionSettings;
import org.springframework.stereotype.Component;
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
class PendingChangesMetric extends PeriodicTask {

    private final ChangeRepository changes;
    private final Map<EnvironmentKind, AtomicLong> pending = new EnumMap<>(EnvironmentKind.class);

    PendingChangesMetric(ChangeRepository changes, PromotionSettings settings, MeterRegistry registry) {
        super("tidings_changes_pending refresh", Duration.ZERO, settings.pendingMetricInterval());
        this.changes = changes;
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
    @Override
    protected Mono<Void> runOnce() {
        return changes.pendingByKind()
                .collectMap(ChangeRepository.KindCount::kind, ChangeRepository.KindCount::count, HashMap::new)
                .doOnNext(counts -> pending.forEach((kind, value) -> value.set(counts.getOrDefault(kind.name(), 0L))))
                .then();
    }
}
