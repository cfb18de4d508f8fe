package io.tidings.environment.apikey;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

@Repository
public class ApiKeyRepository {

    private static final String COLUMNS = "id, environment_id, key_hash, prefix, last_four, created_at, expires_at, revoked_at";

    private final DatabaseClient db;

    public ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<ApiKey> insert(ApiKey key) {
        return db.sql("INSERT INTO api_keys (id, environment_id, key_hash, prefix, last_four, created_at) "
                        + "VALUES (:id, :env, :hash, :prefix, :lastFour, :createdAt)")
                .bind("id", key.id())
                .bind("env", key.environmentId())
                .bind("hash", key.keyHash())
                .bind("prefix", key.prefix())
                .bind("lastFour", key.lastFour())
                .bind("createdAt", key.createdAt())
                .fetch().rowsUpdated()
                .thenReturn(key);
    }

    /** Keys that still open the environment at {@code now}, newest first. */
    public Flux<ApiKey> findLive(UUID environmentId, Instant now) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE environment_id = :env AND revoked_at IS NULL "
                        + "AND (expires_at IS NULL OR expires_at > :now) ORDER BY created_at DESC, id")
                .bind("env", environmentId)
                .bind("now", now)
                .map(ApiKeyRepository::apiKey)
                .all();
    }

    public Mono<Void> revoke(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE api_keys SET revoked_at = :now WHERE id = ANY(:ids)")
                .bind("now", now)
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> expireAt(UUID id, Instant expiresAt) {
        return db.sql("UPDATE api_keys SET expires_at = :expiresAt WHERE id = :id")
                .bind("id", id)
                .bind("expiresAt", expiresAt)
                .fetch().rowsUpdated().then();
    }

    static ApiKey apiKey(Readable row) {
        return new ApiKey(
                row.get("id", UUID.class),
                row.get("environment_id", UUID.class),
                row.get("key_hash", String.class),
                row.get("prefix", String.class),
                row.get("last_four", String.class),
                row.get("created_at", Instant.class),
                row.get("expires_at", Instant.class),
                row.get("revoked_at", Instant.class));
    }
}
