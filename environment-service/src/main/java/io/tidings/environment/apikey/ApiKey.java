package io.tidings.environment.apikey;

import java.time.Instant;
import java.util.UUID;

/** A stored API key: its hash and what may be shown of it, never the secret. */
public record ApiKey(UUID id, UUID environmentId, String keyHash, String prefix, String lastFour,
                     Instant createdAt, Instant expiresAt, Instant revokedAt) {
}
