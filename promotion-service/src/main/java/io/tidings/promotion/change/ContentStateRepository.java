package io.tidings.promotion.change;

import io.tidings.platform.content.ContentRevisionEvent;
import io.tidings.promotion.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The projection: the highest known revision of every promotable entity per environment. */
@Repository
public class ContentStateRepository {

    private final DatabaseClient db;

    public ContentStateRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Keeps each event when it is newer than what is held, for a whole batch in one statement: of
     * several revisions of one entity only the newest is offered. Emits how many rows changed.
     */
    public Mono<Long> applyAll(List<ContentRevisionEvent> events) {
        List<ContentRevisionEvent> newest = ContentRevisionEvent.newestOfEach(events);
        if (newest.isEmpty()) {
            return Mono.just(0L);
        }
        Instant now = Instant.now();
        return db.sql("INSERT INTO content_state (environment_id, type, key, change_id, organization_id, revision, content_hash, "
                        + "deleted, name, content, actor, changed_at) "
                        + "SELECT e, t, k, c, o, r, h, d, n, b, a, at::timestamptz FROM unnest(:envs::uuid[], :types::text[], "
                        + ":keys::uuid[], :changeIds::uuid[], :orgs::uuid[], :revisions::bigint[], :hashes::text[], "
                        + ":deleted::boolean[], :names::text[], :contents::text[], :actors::text[], :changedAt::text[]) "
                        + "AS v(e, t, k, c, o, r, h, d, n, b, a, at) "
                        + "ON CONFLICT (environment_id, type, key) DO UPDATE SET revision = EXCLUDED.revision, "
                        + "organization_id = EXCLUDED.organization_id, content_hash = EXCLUDED.content_hash, "
                        + "deleted = EXCLUDED.deleted, name = EXCLUDED.name, content = EXCLUDED.content, actor = EXCLUDED.actor, "
                        + "changed_at = EXCLUDED.changed_at WHERE content_state.revision < EXCLUDED.revision")
                .bind("envs", newest.stream().map(ContentRevisionEvent::environmentId).toArray(UUID[]::new))
                .bind("types", newest.stream().map(ContentRevisionEvent::type).toArray(String[]::new))
                .bind("keys", newest.stream().map(ContentRevisionEvent::key).toArray(UUID[]::new))
                .bind("changeIds", newest.stream().map(e -> ChangeIds.of(e.environmentId(), e.type(), e.key())).toArray(UUID[]::new))
                .bind("orgs", newest.stream().map(ContentRevisionEvent::organizationId).toArray(UUID[]::new))
                .bind("revisions", newest.stream().map(ContentRevisionEvent::revision).toArray(Long[]::new))
                .bind("hashes", newest.stream().map(e -> e.contentHash() == null ? "" : e.contentHash()).toArray(String[]::new))
                .bind("deleted", newest.stream().map(ContentRevisionEvent::deleted).toArray(Boolean[]::new))
                .bind("names", newest.stream().map(ContentRevisionEvent::name).toArray(String[]::new))
                .bind("contents", newest.stream().map(e -> Json.write(e.content())).toArray(String[]::new))
                .bind("actors", newest.stream().map(ContentRevisionEvent::actor).toArray(String[]::new))
                .bind("changedAt", newest.stream().map(e -> (e.createdAt() == null ? now : e.createdAt()).toString()).toArray(String[]::new))
                .fetch().rowsUpdated();
    }
}
