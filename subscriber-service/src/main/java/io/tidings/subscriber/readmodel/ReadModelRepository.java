package io.tidings.subscriber.readmodel;

import io.r2dbc.spi.Readable;
import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.platform.content.ContentTypes;
import io.tidings.subscriber.common.Documents;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

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
     * Keeps the event when it is newer than what is held: an older revision arriving late changes
     * nothing, and a delete stays as a tombstone. Emits whether the row changed.
     */
    public Mono<Boolean> apply(ContentRevisionEvent event) {
        JsonNode content = event.content() == null ? Documents.JSON.createObjectNode() : event.content();
        String identifier = content.path("identifier").isString() ? content.get("identifier").asString() : null;
        boolean isDefault = ContentTypes.LAYOUT.equals(event.type()) && content.path("isDefault").asBoolean(false);
        return db.sql("INSERT INTO content_read_model (environment_id, entity_type, entity_key, revision, deleted, name, identifier, "
                        + "is_default, content, updated_at) VALUES (:env, :type, :key, :revision, :deleted, :name, :identifier, "
                        + ":isDefault, :content, now()) "
                        + "ON CONFLICT (environment_id, entity_type, entity_key) DO UPDATE SET revision = EXCLUDED.revision, "
                        + "deleted = EXCLUDED.deleted, name = EXCLUDED.name, identifier = EXCLUDED.identifier, "
                        + "is_default = EXCLUDED.is_default, content = EXCLUDED.content, updated_at = EXCLUDED.updated_at "
                        + "WHERE content_read_model.revision < EXCLUDED.revision")
                .bind("env", event.environmentId()).bind("type", event.type()).bind("key", event.key())
                .bind("revision", event.revision()).bind("deleted", event.deleted())
                .bind("name", Parameter.fromOrEmpty(event.name(), String.class))
                .bind("identifier", Parameter.fromOrEmpty(identifier, String.class))
                .bind("isDefault", isDefault)
                .bind("content", Documents.write(content))
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
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
