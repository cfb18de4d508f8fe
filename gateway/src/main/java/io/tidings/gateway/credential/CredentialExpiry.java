package io.tidings.gateway.credential;

import com.github.benmanes.caffeine.cache.Expiry;
import io.tidings.platform.context.ResolvedCredential;

import java.time.Duration;
import java.util.Optional;

/**
 * Known credentials live for the full TTL; unknown ones only briefly, so a key created a moment
 * after someone tried it starts working almost at once. Reads never extend a lifetime.
 */
final class CredentialExpiry implements Expiry<String, Optional<ResolvedCredential>> {

    private final long ttlNanos;
    private final long negativeTtlNanos;

    CredentialExpiry(Duration ttl, Duration negativeTtl) {
        this.ttlNanos = ttl.toNanos();
        this.negativeTtlNanos = negativeTtl.toNanos();
    }

    @Override
    public long expireAfterCreate(String hash, Optional<ResolvedCredential> credential, long currentTime) {
        return credential.isPresent() ? ttlNanos : negativeTtlNanos;
    }

    @Override
    public long expireAfterUpdate(String hash, Optional<ResolvedCredential> credential, long currentTime,
                                  long currentDuration) {
        return expireAfterCreate(hash, credential, currentTime);
    }

    @Override
    public long expireAfterRead(String hash, Optional<ResolvedCredential> credential, long currentTime,
                                long currentDuration) {
        return currentDuration;
    }
}
