package io.tidings.platform.context;

import java.time.Instant;
import java.util.UUID;

/**
 * What environment-service's internal lookup answers for a credential (an API key hash or an
 * application identifier), and what the gateway caches.
 *
 * @param expiresAt when a key kept after rotation stops working; null for a key without end
 */
public record ResolvedCredential(
        UUID organizationId,
        UUID environmentId,
        EnvironmentKind environmentKind,
        UUID sourceEnvironmentId,
        UUID targetEnvironmentId,
        Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public EnvironmentContext toApiKeyContext() {
        return EnvironmentContext.apiKey(organizationId, environmentId, environmentKind, sourceEnvironmentId, targetEnvironmentId);
    }
}
