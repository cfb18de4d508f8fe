package io.tidings.platform.content;

import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends revisions of promotable content and publishes them through the outbox. Call it in the
 * transaction that changes the entity: the revision, its event and the change commit together.
 * A write whose content and deleted flag equal the latest revision's appends nothing.
 */
public class RevisionLog {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    public RevisionLog(DatabaseClient db, Outbox outbox, JsonMapper json, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** Who wrote, where: the fields every revision of one request shares. */
    public record Author(UUID organizationId, UUID environmentId, String actor) {

        /** The author of a request: its environment, and the kind of credential that made it. */
        public static Author of(EnvironmentContext context) {
            return new Author(context.organizationId(), context.environmentId(),
                    context.principal().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Emits the new revision, or nothing when the content is unchanged. */
    public Mono<ContentRevision> append(Author author, String type, UUID key, String name, JsonNode content, boolean deleted) {
        String hash = ContentHash.of(content);
        return latest(author.environmentId(), type, key)
                .map(current -> current.contentHash().equals(hash) && current.deleted() == deleted ? -1L : current.revision() + 1)
                .defaultIfEmpty(deleted ? -1L : 1L) // deleting what never had a revision records nothing
                .filter(next -> next > 0)
                .flatMap(next -> insert(author, type, key, name, content, hash, deleted, next));
    }

    public Mono<ContentRevision> latest(UUID environmentId, String type, UUID key) {
        return db.sql("SELECT revision, content, content_hash, deleted, actor, created_at FROM content_revisions "
                        + "WHERE environment_id = :env AND entity_type = :type AND entity_key = :key ORDER BY revision DESC LIMIT 1")
                .bind("env", environmentId)
                .bind("type", type)
                .bind("key", key)
                .map(row -> new ContentRevision(environmentId, type, key,
                        row.get("revision", Long.class),
                        json.readTree(row.get("content", String.class)),
                        row.get("content_hash", String.class),
                        Boolean.TRUE.equals(row.get("deleted", Boolean.class)),
                        row.get("actor", String.class),
                        row.get("created_at", Instant.class)))
                .one();
    }

    private Mono<ContentRevision> insert(Author author, String type, UUID key, String name, JsonNode content, String hash,
                                         boolean deleted, long revision) {
        Instant now = clock.instant();
        ContentRevision stored = new ContentRevision(author.environmentId(), type, key, revision, content, hash, deleted,
                author.actor(), now);
        ContentRevisionEvent event = new ContentRevisionEvent(author.organizationId(), author.environmentId(), type, key,
                revision, hash, deleted, name, content, author.actor(), now);
        return db.sql("INSERT INTO content_revisions (environment_id, entity_type, entity_key, revision, content, content_hash, "
                        + "deleted, actor, created_at) VALUES (:env, :type, :key, :revision, :content, :hash, :deleted, :actor, :now)")
                .bind("env", author.environmentId())
                .bind("type", type)
                .bind("key", key)
                .bind("revision", revision)
                .bind("content", json.writeValueAsString(content))
                .bind("hash", hash)
                .bind("deleted", deleted)
                .bind("actor", author.actor())
                .bind("now", now)
                .fetch().rowsUpdated()
                .then(outbox.append(Topics.CONTENT_REVISIONS, event.messageKey(), event))
                .thenReturn(stored);
    }
}
