package io.tidings.subscriber.promotion;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.promotion.PinnedRevision;
import io.tidings.platform.web.ApiException;
import io.tidings.subscriber.feed.FeedRepository;
import io.tidings.subscriber.feed.FeedService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The seam the promotion saga's participant uses (issue 5): puts given feed revisions into a
 * target environment, bypassing the read-only guard that stops API writes there, all in one
 * transaction. Each applied item appends a revision in the target, so its content hash there
 * matches the source's; applying the same content again appends nothing.
 */
@Component
public class ContentApplier {

    private final FeedRepository feeds;
    private final RevisionLog revisions;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ContentApplier(FeedRepository feeds, RevisionLog revisions, TransactionalOperator tx, Clock clock) {
        this.feeds = feeds;
        this.revisions = revisions;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<Void> apply(RevisionLog.Author target, List<PinnedRevision> items) {
        return tx.transactional(Flux.fromIterable(items).concatMap(item -> applyOne(target, item)).then());
    }

    private Mono<Void> applyOne(RevisionLog.Author target, PinnedRevision item) {
        if (!ContentTypes.FEED.equals(item.type())) {
            return Mono.error(ApiException.badRequest("subscriber-service does not own content of type " + item.type()));
        }
        Instant now = clock.instant();
        String name = item.content().path("name").asString("");
        Mono<Void> change = item.deleted()
                ? feeds.delete(target.environmentId(), item.key())
                : feeds.find(target.environmentId(), item.key())
                        .map(existing -> existing.createdAt())
                        .defaultIfEmpty(now)
                        .flatMap(createdAt -> feeds.upsert(FeedService.feed(target.environmentId(), item.key(), item.content(), createdAt, now)));
        return change.then(revisions.append(target, item.type(), item.key(), name, item.content(), item.deleted())).then();
    }
}
