package io.tidings.promotion.promotion;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** A saga as the history shows it; {@code items} (the first 100) only when one promotion is read. */
public record PromotionView(
        @JsonProperty("_id") String id,
        String kind,
        String status,
        String sourceEnvironmentId,
        String targetEnvironmentId,
        String requestedBy,
        String rollbackOf,
        Instant createdAt,
        Instant finishedAt,
        Long durationMs,
        String failureReason,
        int itemCount,
        int stepsTotal,
        int stepsApplied,
        boolean rollbackAllowed,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Item> items) {

    PromotionView withItems(List<Item> items) {
        return new PromotionView(id, kind, status, sourceEnvironmentId, targetEnvironmentId, requestedBy, rollbackOf, createdAt,
                finishedAt, durationMs, failureReason, itemCount, stepsTotal, stepsApplied, rollbackAllowed, items);
    }

    /** An item with the source revision it carried and what the target held before it. */
    public record Item(String changeId, String type, String key, String name, String changeType, long sourceRevision,
                       Long previousRevision, Boolean previousDeleted, boolean dependency) {
    }
}
