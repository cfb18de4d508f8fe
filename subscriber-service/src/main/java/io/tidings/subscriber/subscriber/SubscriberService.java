package io.tidings.subscriber.subscriber;

import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.UUID;

/** Identify (create or update by subscriberId) and lookups, always within one environment. */
@Service
public class SubscriberService {

    private final SubscriberRepository subscribers;
    private final Clock clock;

    public SubscriberService(SubscriberRepository subscribers, Clock clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    public Mono<SubscriberRepository.Upserted> identify(UUID env, SubscriberProfile.Valid profile) {
        return subscribers.upsert(env, Ids.uuid(), profile, clock.instant());
    }

    public Mono<Subscriber> find(UUID env, String subscriberId) {
        return subscribers.find(env, subscriberId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("subscriber '" + subscriberId + "' not found")));
    }
}
