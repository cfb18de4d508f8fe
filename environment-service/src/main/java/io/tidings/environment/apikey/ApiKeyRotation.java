package io.tidings.environment.apikey;

import io.tidings.environment.environment.EnvironmentEvents;
import io.tidings.environment.environment.EnvironmentRepository;
import io.tidings.platform.messaging.EnvironmentEvent;
import io.tidings.platform.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Replaces an environment's key. The old key stops at once, or is kept until a deadline the
 * caller chooses; either way no more than two keys are live, and gateways hear of it by event.
 */
@Service
public class ApiKeyRotation {

    private final ApiKeyRepository keys;
    private final EnvironmentRepository environments;
    private final EnvironmentEvents events;
    private final TransactionalOperator tx;
    private final ApiKeyProperties properties;
    private final Clock clock;

    public ApiKeyRotation(ApiKeyRepository keys, EnvironmentRepository environments, EnvironmentEvents events,
                          TransactionalOperator tx, ApiKeyProperties properties, Clock clock) {
        this.keys = keys;
        this.environments = environments;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<IssuedKey> rotate(UUID environmentId, RegenerateRequest request) {
        Duration keep = keepPrevious(request);
        Instant now = clock.instant();
        Mono<IssuedKey> rotation = environments.findById(environmentId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("environment not found")))
                .flatMap(environment -> environments.lockOrganization(environment.organizationId())
                        .then(keys.findLive(environmentId, now).collectList())
                        .flatMap(live -> retire(live, keep, now))
                        .flatMap(revokedHashes -> {
                            IssuedKey issued = SecretKeys.issue(environmentId, now);
                            EnvironmentEvent.Type type = keep.isZero() ? EnvironmentEvent.Type.KEY_REVOKED : EnvironmentEvent.Type.KEY_ROTATED;
                            return keys.insert(issued.key())
                                    .then(events.publish(type, environment, revokedHashes))
                                    .thenReturn(issued);
                        }));
        return tx.transactional(rotation);
    }

    /** Revokes or schedules the live keys; emits the hashes that stop working now. */
    private Mono<List<String>> retire(List<ApiKey> live, Duration keep, Instant now) {
        List<UUID> revoke = new ArrayList<>();
        List<String> revokedHashes = new ArrayList<>();
        Mono<Void> kept = Mono.empty();
        for (int i = 0; i < live.size(); i++) {
            ApiKey key = live.get(i);
            boolean newest = i == 0;
            if (newest && !keep.isZero()) {
                Instant until = now.plus(keep);
                if (key.expiresAt() != null && key.expiresAt().isBefore(until)) {
                    until = key.expiresAt(); // never extends a key already on its way out
                }
                kept = keys.expireAt(key.id(), until);
            } else {
                revoke.add(key.id());
                revokedHashes.add(key.keyHash());
            }
        }
        return kept.then(keys.revoke(revoke, now)).thenReturn(revokedHashes);
    }

    private Duration keepPrevious(RegenerateRequest request) {
        Long seconds = request.keepPreviousFor();
        if (seconds == null || seconds == 0) {
            return Duration.ZERO;
        }
        if (seconds < 0 || seconds > properties.maxKeepPrevious().toSeconds()) {
            throw ApiException.badRequest("keepPreviousFor must be between 0 and "
                    + properties.maxKeepPrevious().toSeconds() + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }
}
