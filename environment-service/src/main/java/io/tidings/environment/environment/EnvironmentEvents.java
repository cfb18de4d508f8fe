package io.tidings.environment.environment;

import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.Outbox;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/** Puts environment and key events in the outbox, in the caller's transaction. */
@Component
public class EnvironmentEvents {

    private final Outbox outbox;

    public EnvironmentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Mono<Void> publish(EnvironmentEvent.Type type, Environment environment, List<String> revokedKeyHashes) {
        EnvironmentEvent event = new EnvironmentEvent(type, environment.organizationId(), environment.id(),
                environment.name(), environment.kind(), environment.sourceEnvironmentId(), revokedKeyHashes, Instant.now());
        return outbox.append(Topics.ENVIRONMENT_EVENTS, environment.id().toString(), event).then();
    }

    public Mono<Void> publish(EnvironmentEvent.Type type, Environment environment) {
        return publish(type, environment, List.of());
    }
}
