package io.tidings.platform.test;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Guards the guard: if BlockHound stopped being installed in tests, blocking calls would pass unseen. */
class BlockHoundIsActiveTest {

    @Test
    void blockingOnAReactiveThreadFails() {
        Mono<Object> blocking = Mono.delay(Duration.ofMillis(1), Schedulers.parallel())
                .map(tick -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return tick;
                });

        assertThatThrownBy(blocking::block).hasMessageContaining("Blocking call");
    }
}
