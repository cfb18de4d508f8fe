package io.tidings.subscriber.feed;

import io.r2dbc.spi.Readable;
import io.tidings.subscriber.common.Documents;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

@Repository
public class FeedRepository {

    private static final String COLUMNS = "environment_id, id, name, identifier, content, created_at, updated_at";

    private final DatabaseClient db;

    public FeedRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Feed> find(UUID env, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM feeds WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).map(FeedRepository::feed).one();
    }

    public Mono<Feed> findByIdentifier(UUID env, String identifier) {
        return db.sql("SELECT " + COLUMNS + " FROM feeds WHERE environment_id = :env AND identifier = :identifier")
                .bind("env", env).bind("identifier", identifier).map(FeedRepository::feed).one();
    }

    public Flux<Feed> all(UUID env) {
        return db.sql("SELECT " + COLUMNS + " FROM feeds WHERE environment_id = :env ORDER BY created_at, id")
                .bind("env", env).map(FeedRepository::feed).all();
    }

    public Mono<Void> upsert(Feed feed) {
        return db.sql("INSERT INTO feeds (" + COLUMNS + ") VALUES (:env, :id, :name, :identifier, :content, :created, :updated) "
                        + "ON CONFLICT (environment_id, id) DO UPDATE SET name = EXCLUDED.name, identifier = EXCLUDED.identifier, "
                        + "content = EXCLUDED.content, updated_at = EXCLUDED.updated_at")
                .bind("env", feed.environmentId()).bind("id", feed.id()).bind("name", feed.name())
                .bind("identifier", feed.identifier()).bind("content", Documents.write(feed.content()))
                .bind("created", feed.createdAt()).bind("updated", feed.updatedAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> delete(UUID env, UUID id) {
        return db.sql("DELETE FROM feeds WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).fetch().rowsUpdated().then();
    }

    private static Feed feed(Readable row) {
        return new Feed(row.get("environment_id", UUID.class), row.get("id", UUID.class), row.get("name", String.class),
                row.get("identifier", String.class), Documents.readObject(row.get("content", String.class)),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }
}
