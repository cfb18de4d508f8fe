package io.tidings.environment.integration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An integration with its credentials in plaintext: in memory only; the table holds them sealed. */
public record Integration(UUID id, UUID environmentId, String providerId, String channel, String name, boolean active,
                          Map<String, String> credentials, Instant createdAt, Instant updatedAt) {
}
