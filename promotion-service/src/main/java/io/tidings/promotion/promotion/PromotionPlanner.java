package io.tidings.promotion.promotion;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.web.ApiException;
import io.tidings.promotion.change.ChangeCandidate;
import io.tidings.promotion.change.ChangeRepository;
import io.tidings.promotion.saga.SagaItem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns "these changes" or "all changes" into a plan, from the projection alone: each item pinned
 * to the source revision and content the projection holds now (what the caller saw listed), plus
 * the pending changes the requested workflows need in the target: their group, layouts and feeds.
 */
@Component
class PromotionPlanner {

    private final ChangeRepository changes;

    PromotionPlanner(ChangeRepository changes) {
        this.changes = changes;
    }

    /** @param changeIds null for every pending change */
    Mono<Plan> plan(UUID source, UUID target, List<UUID> changeIds, boolean strictDependencies) {
        UUID[] ids = changeIds == null ? null : changeIds.toArray(UUID[]::new);
        return changes.candidates(source, target, ids).collectList()
                .flatMap(requested -> {
                    if (changeIds != null) {
                        refuseUnknown(changeIds, requested);
                    }
                    if (requested.isEmpty()) {
                        return Mono.error(ApiException.conflict("there are no pending changes to promote"));
                    }
                    return withDependencies(source, target, requested, strictDependencies);
                });
    }

    private Mono<Plan> withDependencies(UUID source, UUID target, List<ChangeCandidate> requested, boolean strict) {
        Set<String> chosen = new LinkedHashSet<>();
        requested.forEach(change -> chosen.add(change.type() + ":" + change.key()));
        Map<String, List<String>> neededBy = new LinkedHashMap<>();
        for (ChangeCandidate change : requested) {
            if (ContentTypes.WORKFLOW.equals(change.type()) && !change.sourceDeleted()) {
                for (WorkflowReferences.Reference reference : WorkflowReferences.of(change.sourceContent())) {
                    if (!chosen.contains(reference.id())) {
                        neededBy.computeIfAbsent(reference.id(), id -> new ArrayList<>()).add(label(item(change)));
                    }
                }
            }
        }
        List<SagaItem> items = new ArrayList<>(requested.stream().map(PromotionPlanner::item).toList());
        List<String> warnings = new ArrayList<>();
        long deletes = requested.stream().filter(ChangeCandidate::sourceDeleted).count();
        if (deletes > 0) {
            warnings.add(deletes + " item(s) will be deleted from the target environment");
        }
        if (neededBy.isEmpty()) {
            return Mono.just(new Plan(source, target, items, List.of(), warnings));
        }
        UUID[] keys = neededBy.keySet().stream().map(id -> UUID.fromString(id.substring(id.indexOf(':') + 1))).distinct()
                .toArray(UUID[]::new);
        return changes.live(target, keys).collectList()
                .zipWith(changes.candidatesByKey(source, target, keys).collectList())
                .flatMap(found -> {
                    Set<String> liveInTarget = Set.copyOf(found.getT1());
                    Map<String, ChangeCandidate> pending = new LinkedHashMap<>();
                    found.getT2().forEach(change -> pending.put(change.type() + ":" + change.key(), change));
                    List<SagaItem> dependencies = new ArrayList<>();
                    neededBy.forEach((id, workflows) -> {
                        ChangeCandidate dependency = pending.get(id);
                        if (liveInTarget.contains(id)) {
                            return;
                        }
                        if (dependency != null && !dependency.sourceDeleted()) {
                            dependencies.add(item(dependency).asDependency());
                        } else {
                            warnings.add(String.join(", ", workflows) + " refer(s) to " + id.replace(':', ' ')
                                    + ", which neither environment holds");
                        }
                    });
                    if (strict && !dependencies.isEmpty()) {
                        List<PlanItem> named = dependencies.stream().map(PlanItem::of).toList();
                        return Mono.error(new ApiException(HttpStatus.CONFLICT, "the changes need " + dependencies.size()
                                + " pending dependenc" + (dependencies.size() == 1 ? "y" : "ies") + " not in this promotion: "
                                + String.join(", ", dependencies.stream().map(PromotionPlanner::label).toList())
                                + "; include them or promote without strictDependencies", Map.of("dependencies", named)));
                    }
                    items.addAll(dependencies);
                    return Mono.just(new Plan(source, target, items, dependencies, warnings));
                });
    }

    private static void refuseUnknown(List<UUID> changeIds, List<ChangeCandidate> found) {
        Set<UUID> pending = new LinkedHashSet<>();
        found.forEach(change -> pending.add(change.changeId()));
        List<String> unknown = changeIds.stream().filter(id -> !pending.contains(id)).map(UUID::toString).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no pending change " + String.join(", ", unknown)
                    + " in this environment; list them with GET /v1/changes", Map.of("changeIds", unknown));
        }
    }

    static SagaItem item(ChangeCandidate change) {
        return new SagaItem(change.changeId(), change.type(), change.key(), change.name(), change.changeType(),
                change.sourceRevision(), change.targetRevision(), change.sourceDeleted(), change.sourceContent(), false);
    }

    private static String label(SagaItem item) {
        return item.type() + " '" + (item.name() == null ? item.key() : item.name()) + "'";
    }
}
