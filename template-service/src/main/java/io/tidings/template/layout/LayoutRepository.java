package io.tidings.template.layout;

import io.r2dbc.spi.Readable;
import io.tidings.platform.web.PageRequest;
import io.tidings.template.content.Documents;
import io.tidings.template.content.TextFilter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

@Repository
public class LayoutRepository {

    private static final String COLUMNS = "environment_id, id, name, identifier, is_default, content, created_at, updated_at";

    private final DatabaseClient db;

    public LayoutRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Layout> find(UUID env, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM layouts WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).map(LayoutRepository::layout).one();
    }

    public Mono<Layout> findByIdentifier(UUID env, String identifier) {
        return db.sql("SELECT " + COLUMNS + " FROM layouts WHERE environment_id = :env AND identifier = :identifier")
                .bind("env", env).bind("identifier", identifier).map(LayoutRepository::layout).one();
    }

    public Mono<Layout> findDefault(UUID env) {
        return db.sql("SELECT " + COLUMNS + " FROM layouts WHERE environment_id = :env AND is_default")
                .bind("env", env).map(LayoutRepository::layout).one();
    }

    public Mono<Long> countExisting(UUID env, Collection<UUID> ids) {
        return db.sql("SELECT count(*) AS n FROM layouts WHERE environment_id = :env AND id = ANY(:ids)")
                .bind("env", env).bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Long> count(UUID env) {
        return db.sql("SELECT count(*) AS n FROM layouts WHERE environment_id = :env")
                .bind("env", env).map(row -> row.get("n", Long.class)).one();
    }

    public Flux<Layout> page(UUID env, String query, PageRequest page) {
        TextFilter filter = new TextFilter(query, "name", "identifier");
        return filter.bind(db.sql("SELECT " + COLUMNS + " FROM layouts WHERE environment_id = :env " + filter.sql()
                        + " ORDER BY created_at, id LIMIT :limit OFFSET :offset"))
                .bind("env", env).bind("limit", page.limit()).bind("offset", page.offset())
                .map(LayoutRepository::layout).all();
    }

    public Mono<Long> count(UUID env, String query) {
        TextFilter filter = new TextFilter(query, "name", "identifier");
        return filter.bind(db.sql("SELECT count(*) AS n FROM layouts WHERE environment_id = :env " + filter.sql()))
                .bind("env", env).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Void> upsert(Layout layout) {
        return db.sql("INSERT INTO layouts (" + COLUMNS + ") VALUES (:env, :id, :name, :identifier, :isDefault, :content, :at, :at) "
                        + "ON CONFLICT (environment_id, id) DO UPDATE SET name = EXCLUDED.name, identifier = EXCLUDED.identifier, "
                        + "is_default = EXCLUDED.is_default, content = EXCLUDED.content, updated_at = EXCLUDED.updated_at")
                .bind("env", layout.environmentId()).bind("id", layout.id()).bind("name", layout.name())
                .bind("identifier", layout.identifier()).bind("isDefault", layout.isDefault())
                .bind("content", Documents.write(layout.content())).bind("at", layout.updatedAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> delete(UUID env, UUID id) {
        return db.sql("DELETE FROM layouts WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).fetch().rowsUpdated().then();
    }



    private static Layout layout(Readable row) {
        return new Layout(row.get("environment_id", UUID.class), row.get("id", UUID.class), row.get("name", String.class),
                row.get("identifier", String.class), Boolean.TRUE.equals(row.get("is_default", Boolean.class)),
                Documents.read(row.get("content", String.class)), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
