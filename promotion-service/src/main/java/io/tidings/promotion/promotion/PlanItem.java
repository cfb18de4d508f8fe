package io.tidings.promotion.promotion;

import io.tidings.promotion.saga.SagaItem;

/** One item of a promotion plan, as a dry run shows it. */
public record PlanItem(String changeId, String type, String key, String name, String changeType, long sourceRevision,
                       Long targetRevision, boolean dependency) {

    static PlanItem of(SagaItem item) {
        return new PlanItem(item.changeId().toString(), item.type(), item.key().toString(), item.name(), item.changeType(),
                item.sourceRevision(), item.targetRevision(), item.dependency());
    }
}
