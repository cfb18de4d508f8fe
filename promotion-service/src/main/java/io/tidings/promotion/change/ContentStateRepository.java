package io.tidings.promotion.change;

import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.promotion.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The projection: the highest known revision of every promotable entity per environment. */
@Repository
public class ContentStateRepository {

    private final DatabaseClient db;

    public ContentStateRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Keeps the event when it is newer than what is held; emits whether the row changed. */
    public Mono<Boolean> apply(ContentRevisionEvent event) {
        Instant changedAt = event.createdAt() == null ? Instant.now() : event.createdAt();
        return db.sql("INSERT INTO content_state (environment_id, type, key, change_id, organization_id, revision, content_hash, "
                        + "deleted, name, content, actor, changed_at) VALUES (:env, :type, :key, :changeId, :org, :revision, :hash, "
                        + ":deleted, :name, :content, :actor, :changedAt) "
                        + "ON CONFLICT (environment_id, type, key) DO UPDATE SET revision = EXCLUDED.revision, "
                        + "organization_id = EXCLUDED.organization_id, content_hash = EXCLUDED.content_hash, "
                        + "deleted = EXCLUDED.deleted, name = EXCLUDED.name, content = EXCLUDED.content, actor = EXCLUDED.actor, "
                        + "changed_at = EXCLUDED.changed_at WHERE content_state.revision < EXCLUDED.revision")
                .bind("env", event.environmentId())
                .bind("type", event.type())
                .bind("key", event.key())
                .bind("changeId", ChangeIds.of(event.environmentId(), event.type(), event.key()))
                .bind("org", Parameter.fromOrEmpty(event.organizationId(), UUID.class))
                .bind("revision", event.revision())
                .bind("hash", event.contentHash() == null ? "" : event.contentHash())
                .bind("deleted", event.deleted())
                .bind("name", Parameter.fromOrEmpty(event.name(), String.class))
                .bind("content", Parameter.fromOrEmpty(Json.write(event.content()), String.class))
                .bind("actor", Parameter.fromOrEmpty(event.actor(), String.class))
                .bind("changedAt", OffsetDateTime.ofInstant(changedAt, ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }
}
