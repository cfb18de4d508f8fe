package io.tidings.platform.messaging;

import java.util.UUID;

/**
 * Saga compensation on {@code Topics.promotionCommands(service)}, keyed by promotionId: put back
 * what the target held before step {@code step} of the promotion was applied. Idempotent; a step
 * never applied is only marked, so a late {@link ApplyChanges} for it is refused with
 * {@link ApplyFailed}. Always answered with {@link ChangesReverted}.
 */
public record RevertChanges(UUID promotionId, int step, UUID organizationId, UUID targetEnvironmentId) {
}
