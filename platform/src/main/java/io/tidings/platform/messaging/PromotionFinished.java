package io.tidings.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Event on {@link Topics#PROMOTION_EVENTS}, keyed by the target environment id: a saga ended.
 *
 * @param kind    promotion, rollback or discard
 * @param status  completed, or failed (then the target holds exactly what it held before)
 * @param reason  why it failed; null when completed
 */
public record PromotionFinished(UUID promotionId, UUID organizationId, UUID sourceEnvironmentId, UUID targetEnvironmentId,
                                String kind, String status, String reason, int itemCount, Instant startedAt,
                                Instant finishedAt) {
}
