package io.tidings.platform.promotion;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.messaging.PreviousState;
import io.tidings.platform.messaging.PromotionItem;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/**
 * The {@link ContentStore} of a service whose promotable content is all in its {@link RevisionLog}:
 * the previous state is the latest revision, and writes go through the service's own applier.
 */
public final class RevisionLogContentStore implements ContentStore {

    /** A service's way to put pinned revisions into a target environment in one transaction. */
    @FunctionalInterface
    public interface Applier {
        Mono<Void> apply(RevisionLog.Author target, List<PinnedRevision> items);
    }

    private final RevisionLog revisions;
    private final Applier applier;

    public RevisionLogContentStore(RevisionLog revisions, Applier applier) {
        this.revisions = revisions;
        this.applier = applier;
    }

    @Override
    public Mono<PreviousState> current(UUID environmentId, String type, UUID key) {
        return ContentStore.latest(revisions, environmentId, type, key);
    }

    /** One query for the whole step instead of one per item. */
    @Override
    public Mono<List<PreviousState>> currentAll(UUID environmentId, List<PromotionItem> items) {
        return revisions.latestAll(environmentId, items.stream().map(PromotionItem::key).distinct().toList())
                .map(latest -> items.stream().map(item -> {
                    var revision = latest.get(item.type() + ":" + item.key());
                    return revision == null ? PreviousState.absent(item.type(), item.key())
                            : new PreviousState(item.type(), item.key(), revision.revision(), revision.deleted(), revision.content());
                }).toList());
    }

    @Override
    public Mono<Void> apply(RevisionLog.Author target, List<PromotionItem> items) {
        return Mono.defer(() -> applier.apply(target, items.stream()
                .map(item -> new PinnedRevision(item.type(), item.key(), item.sourceRevision(), ContentStore.objectContent(item), item.deleted()))
                .toList()));
    }
}
