package io.tidings.platform.messaging;

import java.util.List;
import java.util.UUID;

/**
 * Reply on {@link Topics#PROMOTION_REPLIES}, keyed by promotionId: the participant named
 * {@code service} applied step {@code step} and committed it, recording {@code previous}, one
 * entry per item in command order, which a {@link RevertChanges} puts back.
 */
public record ChangesApplied(UUID promotionId, int step, String service, List<PreviousState> previous) {
}
