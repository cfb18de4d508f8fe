package io.tidings.template.group;

import io.r2dbc.spi.Readable;
import io.tidings.platform.web.PageRequest;
import io.tidings.template.content.Documents;
import io.tidings.template.content.TextFilter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

@Repository
public class GroupRepository {

    private static final String COLUMNS = "environment_id, id, name, created_at, updated_at";

    private final DatabaseClient db;

    public GroupRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<NotificationGroup> find(UUID environmentId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM notification_groups WHERE environment_id = :env AND id = :id")
                .bind("env", environmentId).bind("id", id)
                .map(GroupRepository::group).one();
    }

    public Mono<NotificationGroup> findByName(UUID environmentId, String name) {
        return db.sql("SELECT " + COLUMNS + " FROM notification_groups WHERE environment_id = :env AND lower(name) = lower(:name)")
                .bind("env", environmentId).bind("name", name)
                .map(GroupRepository::group).one();
    }

    public Flux<NotificationGroup> page(UUID environmentId, String query, PageRequest page) {
        TextFilter filter = new TextFilter(query, "name");
        return filter.bind(db.sql("SELECT " + COLUMNS + " FROM notification_groups WHERE environment_id = :env " + filter.sql()
                        + " ORDER BY created_at, id LIMIT :limit OFFSET :offset"))
                .bind("env", environmentId).bind("limit", page.limit()).bind("offset", page.offset())
                .map(GroupRepository::group).all();
    }

    public Mono<Long> count(UUID environmentId, String query) {
        TextFilter filter = new TextFilter(query, "name");
        return filter.bind(db.sql("SELECT count(*) AS n FROM notification_groups WHERE environment_id = :env " + filter.sql()))
                .bind("env", environmentId).map(row -> row.get("n", Long.class)).one();
    }

    /** Inserts unless a group with this id or name exists; emits whether it did. */
    public Mono<Boolean> insertIfAbsent(NotificationGroup group) {
        return db.sql("INSERT INTO notification_groups (environment_id, id, name, content, created_at, updated_at) "
                        + "VALUES (:env, :id, :name, :content, :at, :at) ON CONFLICT DO NOTHING")
                .bind("env", group.environmentId()).bind("id", group.id()).bind("name", group.name())
                .bind("content", Documents.write(GroupContent.of(group.name())))
                .bind("at", group.createdAt())
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Puts a group with this id in place; a name another group holds fails loudly (unique index). */
    public Mono<Void> upsert(NotificationGroup group) {
        return db.sql("INSERT INTO notification_groups (environment_id, id, name, content, created_at, updated_at) "
                        + "VALUES (:env, :id, :name, :content, :at, :at) ON CONFLICT (environment_id, id) DO UPDATE "
                        + "SET name = EXCLUDED.name, content = EXCLUDED.content, updated_at = EXCLUDED.updated_at")
                .bind("env", group.environmentId()).bind("id", group.id()).bind("name", group.name())
                .bind("content", Documents.write(GroupContent.of(group.name())))
                .bind("at", group.updatedAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> rename(UUID environmentId, UUID id, String name, Instant now) {
        return db.sql("UPDATE notification_groups SET name = :name, content = :content, updated_at = :now "
                        + "WHERE environment_id = :env AND id = :id")
                .bind("env", environmentId).bind("id", id).bind("name", name)
                .bind("content", Documents.write(GroupContent.of(name))).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> delete(UUID environmentId, UUID id) {
        return db.sql("DELETE FROM notification_groups WHERE environment_id = :env AND id = :id")
                .bind("env", environmentId).bind("id", id).fetch().rowsUpdated().then();
    }



    private static NotificationGroup group(Readable row) {
        return new NotificationGroup(row.get("environment_id", UUID.class), row.get("id", UUID.class),
                row.get("name", String.class), row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }
}
