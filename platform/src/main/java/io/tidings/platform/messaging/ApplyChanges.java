package io.tidings.platform.messaging;

import java.util.List;
import java.util.UUID;

/**
 * Saga command on {@code Topics.promotionCommands(service)}, keyed by promotionId: apply these
 * items to the target environment in one local transaction. A participant handles each
 * (promotionId, step) once; a duplicate is answered with the reply recorded the first time.
 * Answered on {@link Topics#PROMOTION_REPLIES} with {@link ChangesApplied} or {@link ApplyFailed}.
 */
public record ApplyChanges(UUID promotionId, int step, UUID organizationId, UUID targetEnvironmentId,
                           List<PromotionItem> items) {
}
