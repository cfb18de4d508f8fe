package io.tidings.promotion.promotion;

import io.tidings.promotion.saga.SagaItem;

import java.util.List;
import java.util.UUID;

/**
 * What a promotion would do: every item (the requested ones and their dependencies), the
 * dependencies on their own, and warnings about what it cannot check or will remove.
 */
record Plan(UUID sourceEnvironmentId, UUID targetEnvironmentId, List<SagaItem> items, List<SagaItem> dependencies,
            List<String> warnings) {

    /** The dry run's answer. */
    DryRun dryRun() {
        return new DryRun(true, sourceEnvironmentId, targetEnvironmentId, items.stream().map(PlanItem::of).toList(),
                dependencies.stream().map(PlanItem::of).toList(), warnings);
    }

    record DryRun(boolean dryRun, UUID sourceEnvironmentId, UUID targetEnvironmentId, List<PlanItem> items,
                  List<PlanItem> dependencies, List<String> warnings) {
    }
}
