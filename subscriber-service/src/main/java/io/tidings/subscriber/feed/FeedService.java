package io.tidings.subscriber.feed;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Feed writes: each appends a revision (and its outbox event) in the transaction that changes the row. */
@Service
public class FeedService {

    private final FeedRepository feeds;
    private final RevisionLog revisions;
    private final TransactionalOperator tx;
    private final Clock clock;

    public FeedService(FeedRepository feeds, RevisionLog revisions, TransactionalOperator tx, Clock clock) {
        this.feeds = feeds;
        this.revisions = revisions;
        this.tx = tx;
        this.clock = clock;
    }

    /** The feed made, and whether it is new: the same name and identifier again answers the existing feed. */
    public record Saved(Feed feed, boolean created) {
    }

    public Mono<Saved> create(RevisionLog.Author author, FeedRequest request) {
        UUID env = author.environmentId();
        ObjectNode content = FeedContent.of(request);
        String identifier = content.get("identifier").asString();
        Mono<Saved> creation = feeds.findByIdentifier(env, identifier)
                .flatMap(existing -> existing.content().equals(content)
                        ? Mono.just(new Saved(existing, false))
                        : Mono.<Saved>error(ApiException.conflict("a feed with identifier '" + identifier + "' already exists in this environment")))
                .switchIfEmpty(Mono.defer(() -> {
                    Instant now = clock.instant();
                    Feed feed = feed(env, Ids.uuid(), content, now, now);
                    return revisions.append(author, ContentTypes.FEED, feed.id(), feed.name(), content, false)
                            .then(feeds.upsert(feed))
                            .then(feeds.find(env, feed.id())) // as stored: times at the database's precision
                            .map(stored -> new Saved(stored, true));
                }));
        return tx.transactional(creation);
    }

    public Mono<Void> delete(RevisionLog.Author author, UUID id) {
        UUID env = author.environmentId();
        Mono<Void> deletion = feeds.find(env, id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("feed " + id + " not found")))
                .flatMap(feed -> revisions.append(author, ContentTypes.FEED, id, feed.name(), feed.content(), true)
                        .then(feeds.delete(env, id)));
        return tx.transactional(deletion);
    }

    public static Feed feed(UUID env, UUID id, ObjectNode content, Instant createdAt, Instant updatedAt) {
        return new Feed(env, id, content.get("name").asString(), content.get("identifier").asString(), content, createdAt, updatedAt);
    }
}
