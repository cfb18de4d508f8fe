package io.tidings.promotion.promotion;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A change that a completed promotion carried, as {@code GET /v1/changes?promoted=true} lists it. */
public record PromotedChange(
        @JsonProperty("_id") String id,
        String type,
        String key,
        String name,
        String changeType,
        long sourceRevision,
        Long targetRevision,
        String promotedBy,
        Instant promotedAt,
        String promotionId) {
}
