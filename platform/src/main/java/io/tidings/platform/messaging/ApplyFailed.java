package io.tidings.platform.messaging;

import java.util.UUID;

/**
 * Reply on {@link Topics#PROMOTION_REPLIES}, keyed by promotionId: the participant named
 * {@code service} applied nothing of step {@code step}, for {@code reason}.
 */
public record ApplyFailed(UUID promotionId, int step, String service, String reason) {
}
