package io.tidings.promotion.saga;

import java.util.List;
import java.util.UUID;

/** What a saga is asked to do, before it has steps. */
public record NewSaga(UUID promotionId, UUID organizationId, UUID sourceEnvironmentId, UUID targetEnvironmentId,
                      SagaKind kind, UUID rollbackOf, String requestedBy, List<SagaItem> items) {
}
