package io.tidings.platform.messaging;

import io.tidings.platform.context.EnvironmentKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@link Topics#ENVIRONMENT_EVENTS}, keyed by environment id.
 * Gateways drop cached credentials of {@code environmentId} on key events; promotion-service
 * learns each environment's source and target from created/relinked events.
 *
 * @param revokedKeyHashes SHA-256 hashes (hex) of the keys that stopped working now
 */
public record EnvironmentEvent(
        Type type,
        UUID organizationId,
        UUID environmentId,
        String environmentName,
        EnvironmentKind kind,
        UUID sourceEnvironmentId,
        List<String> revokedKeyHashes,
        Instant occurredAt) {

    public enum Type {
        ENVIRONMENT_CREATED,
        /** The environment's source changed because another one was inserted below it. */
        ENVIRONMENT_RELINKED,
        KEY_ROTATED,
        KEY_REVOKED
    }

    public boolean affectsCredentials() {
        return type == Type.KEY_ROTATED || type == Type.KEY_REVOKED || type == Type.ENVIRONMENT_RELINKED;
    }
}
