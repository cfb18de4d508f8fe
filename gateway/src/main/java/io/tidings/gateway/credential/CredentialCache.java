package io.tidings.gateway.credential;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tidings.gateway.config.GatewaySettings;
import io.tidings.platform.context.ResolvedCredential;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * API key hash (or {@value #APPLICATION_PREFIX} + application identifier) -> what it resolves to, bounded in size and time. Concurrent requests with the
 * same key share one lookup; failed lookups are not kept, so the next request asks again.
 * Metrics appear as {@code cache_*{cache="credentials"}}.
 */
@Component
public class CredentialCache {

    static final String NAME = "credentials";
    /** Keeps application identifiers apart from key hashes, which are plain hex. */
    static final String APPLICATION_PREFIX = "app:";

    private final AsyncCache<String, Optional<ResolvedCredential>> cache;
    private final CredentialLookupClient lookup;

    public CredentialCache(GatewaySettings settings, CredentialLookupClient lookup, MeterRegistry registry) {
        GatewaySettings.CredentialCache config = settings.credentialCache();
        this.cache = CaffeineCacheMetrics.monitor(registry, Caffeine.newBuilder()
                .maximumSize(config.maxSize())
                .expireAfter(new CredentialExpiry(config.ttl(), config.negativeTtl()))
                .recordStats()
                .<String, Optional<ResolvedCredential>>buildAsync(), NAME);
        this.lookup = lookup;
    }

    /** Empty when environment-service does not know the key. */
    public Mono<ResolvedCredential> apiKey(String keyHash) {
        return cached(keyHash, () -> lookup.apiKey(keyHash));
    }

    /** Empty when environment-service knows no environment with this public application identifier. */
    public Mono<ResolvedCredential> applicationIdentifier(String identifier) {
        return cached(APPLICATION_PREFIX + identifier, () -> lookup.applicationIdentifier(identifier));
    }

    private Mono<ResolvedCredential> cached(String key, Supplier<Mono<ResolvedCredential>> lookup) {
        // suppressCancel: one client hanging up must not cancel a lookup other requests wait for
        return Mono.fromFuture(() -> cache.get(key, (k, executor) -> lookup.get()
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .toFuture()), true)
                .flatMap(Mono::justOrEmpty);
    }

    public void invalidate(String keyHash) {
        cache.synchronous().invalidate(keyHash);
    }

    public void invalidateAll(Collection<String> keyHashes) {
        cache.synchronous().invalidateAll(keyHashes);
    }

    /**
     * Drops every credential of the environment. Lookups still in flight are dropped too: they
     * may have been answered before the change that triggered this, and their owner is unknown.
     */
    public void invalidateEnvironment(UUID environmentId) {
        cache.asMap().entrySet().removeIf(entry -> {
            CompletableFuture<Optional<ResolvedCredential>> future = entry.getValue();
            if (!future.isDone()) {
                return true;
            }
            Optional<ResolvedCredential> credential = future.getNow(Optional.empty());
            return credential.isPresent() && environmentId.equals(credential.get().environmentId());
        });
    }
}
