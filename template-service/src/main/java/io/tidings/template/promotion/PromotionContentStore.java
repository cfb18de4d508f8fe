package io.tidings.template.promotion;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.messaging.PreviousState;
import io.tidings.platform.messaging.PromotionItem;
import io.tidings.platform.promotion.ContentStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** template-service's content as the promotion participant sees it: the revision log and the {@link ContentApplier}. */
@Component
public class PromotionContentStore implements ContentStore {

    private final ContentApplier applier;
    private final RevisionLog revisions;

    public PromotionContentStore(ContentApplier applier, RevisionLog revisions) {
        this.applier = applier;
        this.revisions = revisions;
    }

    @Override
    public Mono<PreviousState> current(UUID environmentId, String type, UUID key) {
        return ContentStore.latest(revisions, environmentId, type, key);
    }

    @Override
    public Mono<Void> apply(RevisionLog.Author target, List<PromotionItem> items) {
        return Mono.defer(() -> applier.apply(target, items.stream()
                .map(item -> new PinnedRevision(item.type(), item.key(), item.sourceRevision(), ContentStore.objectContent(item), item.deleted()))
                .toList()));
    }
}
