package io.tidings.platform.messaging;

import java.util.UUID;

/**
 * Reply on {@link Topics#PROMOTION_REPLIES}, keyed by promotionId: the target holds again what it
 * held before step {@code step} (or the step had never been applied).
 */
public record ChangesReverted(UUID promotionId, int step, String service) {
}
