package io.tidings.promotion.saga;

import java.time.Instant;
import java.util.UUID;

/** A saga's row, read under lock by whoever moves it on. */
public record SagaState(UUID promotionId, UUID organizationId, UUID sourceEnvironmentId, UUID targetEnvironmentId,
                        SagaKind kind, String status, int stepsTotal, Instant createdAt, Instant deadline) {

    public static final String RUNNING = "running";
    public static final String COMPENSATING = "compensating";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}
