package io.tidings.platform.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * A non-blocking job run every {@code interval} while the application runs: one run at a time
 * (ticks during a long run are dropped), and a failed run is logged and retried at the next tick.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private volatile Disposable loop;

    protected PeriodicTask(String name, Duration initialDelay, Duration interval) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
    }

    /** One run. */
    protected abstract Mono<?> runOnce();

    /** Runs once before the first tick; nothing by default. */
    protected Mono<Void> beforeFirstRun() {
        return Mono.empty();
    }

    @Override
    public void start() {
        loop = beforeFirstRun()
                .onErrorResume(e -> {
                    log.warn("{} could not prepare: {}", name, e.toString());
                    return Mono.empty();
                })
                .thenMany(Flux.interval(initialDelay, interval))
                .onBackpressureDrop()
                .concatMap(tick -> runOnce().then().onErrorResume(e -> {
                    log.warn("{} failed, retrying in {}: {}", name, interval, e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
