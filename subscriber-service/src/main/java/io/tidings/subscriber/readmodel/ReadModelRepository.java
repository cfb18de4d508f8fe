package io.tidings.subscriber.readmodel;

import io.r2dbc.spi.Readable;
import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.content.ContentTypes;
import io.tidings.subscriber.common.Documents;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Workflows, layouts and brand as their owners last published them, per environment. Triggers
 * read only this, so they work while template-service or environment-service is down.
 */
@Repository
public class ReadModelRepository {

    private static final String COLUMNS = "environment_id, entity_type, entity_key, revision, name, content";

    private final DatabaseClient db;

    public ReadModelRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Keeps each event when it is newer than what is held, for a whole batch in one statement: an
     * older revision arriving late changes nothing, and a delete stays as a tombstone. Of several
     * revisions of one entity only the newest is offered. Emits how many rows changed.
     */
    public Mono<Long> applyAll(List<ContentRevisionEvent> events) {
        List<ContentRevisionEvent> newest = ContentRevisionEvent.newestOfEach(events);
        if (newest.isEmpty()) {
            return Mono.just(0L);
        }
        List<JsonNode> contents = newest.stream()
                .map(event -> event.content() == null ? (JsonNode) Documents.JSON.createObjectNode() : event.content())
                .toList();
        return db.sql("INSERT INTO content_read_model (environment_id, entity_type, entity_key, revision, deleted, name, identifier, "
                        + "is_default, content, updated_at) "
                        + "SELECT e, t, k, r, d, n, i, f, c, now() FROM unnest(:envs::uuid[], :types::text[], :keys::uuid[], "
                        + ":revisions::bigint[], :deleted::boolean[], :names::text[], :identifiers::text[], :defaults::boolean[], "
                        + ":contents::text[]) AS v(e, t, k, r, d, n, i, f, c) "
                        + "ON CONFLICT (environment_id, entity_type, entity_key) DO UPDATE SET revision = EXCLUDED.revision, "
                        + "deleted = EXCLUDED.deleted, name = EXCLUDED.name, identifier = EXCLUDED.identifier, "
                        + "is_default = EXCLUDED.is_default, content = EXCLUDED.content, updated_at = EXCLUDED.updated_at "
                        + "WHERE content_read_model.revision < EXCLUDED.revision")
                .bind("envs", newest.stream().map(ContentRevisionEvent::environmentId).toArray(UUID[]::new))
                .bind("types", newest.stream().map(ContentRevisionEvent::type).toArray(String[]::new))
                .bind("keys", newest.stream().map(ContentRevisionEvent::key).toArray(UUID[]::new))
                .bind("revisions", newest.stream().map(ContentRevisionEvent::revision).toArray(Long[]::new))
                .bind("deleted", newest.stream().map(ContentRevisionEvent::deleted).toArray(Boolean[]::new))
                .bind("names", newest.stream().map(ContentRevisionEvent::name).toArray(String[]::new))
                .bind("identifiers", contents.stream()
                        .map(content -> content.path("identifier").isString() ? content.get("identifier").asString() : null)
                        .toArray(String[]::new))
                .bind("defaults", IntStream.range(0, newest.size())
                        .mapToObj(i -> ContentTypes.LAYOUT.equals(newest.get(i).type()) && contents.get(i).path("isDefault").asBoolean(false))
                        .toArray(Boolean[]::new))
                .bind("contents", contents.stream().map(Documents::write).toArray(String[]::new))
                .fetch().rowsUpdated();
    }

    public Mono<ReadModelEntry> workflow(UUID env, String identifier) {
        return db.sql("SELECT " + COLUMNS + " FROM content_read_model WHERE environment_id = :env AND entity_type = :type "
                        + "AND identifier = :identifier AND NOT deleted ORDER BY updated_at DESC LIMIT 1")
                .bind("env", env).bind("type", ContentTypes.WORKFLOW).bind("identifier", identifier)
                .map(ReadModelRepository::entry).one();
    }

    public Mono<ReadModelEntry> layout(UUID env, UUID key) {
        return db.sql("SELECT " + COLUMNS + " FROM content_read_model WHERE environment_id = :env AND entity_type = :type "
                        + "AND entity_key = :key AND NOT deleted")
                .bind("env", env).bind("type", ContentTypes.LAYOUT).bind("key", key)
                .map(ReadModelRepository::entry).one();
    }

    public Mono<ReadModelEntry> defaultLayout(UUID env) {
        return db.sql("SELECT " + COLUMNS + " FROM content_read_model WHERE environment_id = :env AND entity_type = :type "
                        + "AND is_default AND NOT deleted ORDER BY updated_at DESC LIMIT 1")
                .bind("env", env).bind("type", ContentTypes.LAYOUT)
                .map(ReadModelRepository::entry).one();
    }

    public Mono<ReadModelEntry> brand(UUID env) {
        return db.sql("SELECT " + COLUMNS + " FROM content_read_model WHERE environment_id = :env AND entity_type = :type "
                        + "AND NOT deleted ORDER BY updated_at DESC LIMIT 1")
                .bind("env", env).bind("type", ContentTypes.BRAND)
                .map(ReadModelRepository::entry).one();
    }

    private static ReadModelEntry entry(Readable row) {
        return new ReadModelEntry(row.get("environment_id", UUID.class), row.get("entity_type", String.class),
                row.get("entity_key", UUID.class), row.get("revision", Long.class), row.get("name", String.class),
                Documents.readObject(row.get("content", String.class)));
    }
}
