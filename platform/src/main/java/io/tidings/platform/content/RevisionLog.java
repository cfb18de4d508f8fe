package io.tidings.platform.content;

import io.r2dbc.spi.Readable;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.messaging.Topics;
import io.tidings.platform.outbox.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** One write of {@link #appendAll}. */
    public record Write(String type, UUID key, String name, JsonNode content, boolean deleted) {
    }

    /**
     * {@link #append} for many entities of one environment in three statements, whatever their
     * number: what a promotion step writes. Emits the revisions written, skipping unchanged ones.
     */
    public Mono<List<ContentRevision>> appendAll(Author author, List<Write> writes) {
        if (writes.isEmpty()) {
            return Mono.just(List.of());
        }
        return latestAll(author.environmentId(), writes.stream().map(Write::key).distinct().toList())
                .flatMap(latest -> {
                    Instant now = clock.instant();
                    List<ContentRevision> written = new ArrayList<>();
                    List<Map.Entry<String, Object>> events = new ArrayList<>();
                    for (Write write : writes) {
                        String hash = ContentHash.of(write.content());
                        ContentRevision current = latest.get(write.type() + ":" + write.key());
                        long next = current == null ? (write.deleted() ? -1 : 1)
                                : current.contentHash().equals(hash) && current.deleted() == write.deleted() ? -1 : current.revision() + 1;
                        if (next < 0) {
                            continue;
                        }
                        ContentRevision revision = new ContentRevision(author.environmentId(), write.type(), write.key(), next,
                                write.content(), hash, write.deleted(), author.actor(), now);
                        latest.put(write.type() + ":" + write.key(), revision);
                        written.add(revision);
                        ContentRevisionEvent event = new ContentRevisionEvent(author.organizationId(), author.environmentId(),
                                write.type(), write.key(), next, hash, write.deleted(), write.name(), write.content(), author.actor(), now);
                        events.add(Map.entry(event.messageKey(), event));
                    }
                    return insertAll(author, written, now)
                            .then(outbox.appendAll(Topics.CONTENT_REVISIONS, events))
                            .thenReturn(written);
                });
    }

    /** The latest revision of each of the keys in the environment, by "type:key", in one query. */
    public Mono<Map<String, ContentRevision>> latestAll(UUID environmentId, List<UUID> keys) {
        return db.sql("SELECT DISTINCT ON (entity_type, entity_key) entity_type, entity_key, revision, content, content_hash, "
                        + "deleted, actor, created_at FROM content_revisions WHERE environment_id = :env AND entity_key = ANY(:keys) "
                        + "ORDER BY entity_type, entity_key, revision DESC")
                .bind("env", environmentId)
                .bind("keys", keys.toArray(UUID[]::new))
                .map(row -> revision(environmentId, row))
                .all()
                .collectMap(revision -> revision.type() + ":" + revision.key(), revision -> revision, HashMap::new);
    }

    private Mono<Long> insertAll(Author author, List<ContentRevision> revisions, Instant now) {
        if (revisions.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("INSERT INTO content_revisions (environment_id, entity_type, entity_key, revision, content, content_hash, "
                        + "deleted, actor, created_at) SELECT :env, t, k, r, c, h, d, :actor, :now FROM unnest(:types::text[], "
                        + ":keys::uuid[], :revisions::bigint[], :contents::text[], :hashes::text[], :deleted::boolean[]) AS v(t, k, r, c, h, d)")
                .bind("env", author.environmentId())
                .bind("actor", author.actor())
                .bind("now", now)
                .bind("types", revisions.stream().map(ContentRevision::type).toArray(String[]::new))
                .bind("keys", revisions.stream().map(ContentRevision::key).toArray(UUID[]::new))
                .bind("revisions", revisions.stream().map(ContentRevision::revision).toArray(Long[]::new))
                .bind("contents", revisions.stream().map(revision -> json.writeValueAsString(revision.content())).toArray(String[]::new))
                .bind("hashes", revisions.stream().map(ContentRevision::contentHash).toArray(String[]::new))
                .bind("deleted", revisions.stream().map(ContentRevision::deleted).toArray(Boolean[]::new))
                .fetch().rowsUpdated();
    }

    public Mono<ContentRevision> latest(UUID environmentId, String type, UUID key) {
        return db.sql("SELECT entity_type, entity_key, revision, content, content_hash, deleted, actor, created_at FROM content_revisions "
                        + "WHERE environment_id = :env AND entity_type = :type AND entity_key = :key ORDER BY revision DESC LIMIT 1")
                .bind("env", environmentId)
                .bind("type", type)
                .bind("key", key)
                .map(row -> revision(environmentId, row))
                .one();
    }

    private ContentRevision revision(UUID environmentId, Readable row) {
        return new ContentRevision(environmentId, row.get("entity_type", String.class), row.get("entity_key", UUID.class),
                row.get("revision", Long.class),
                json.readTree(row.get("content", String.class)),
                row.get("content_hash", String.class),
                Boolean.TRUE.equals(row.get("deleted", Boolean.class)),
                row.get("actor", String.class),
                row.get("created_at", Instant.class));
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
