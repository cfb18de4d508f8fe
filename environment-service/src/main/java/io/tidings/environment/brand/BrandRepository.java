package io.tidings.environment.brand;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

@Repository
public class BrandRepository {

    private static final String COLUMNS = "environment_id, brand_key, content, created_at, updated_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;

    public BrandRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Brand> find(UUID env) {
        return db.sql("SELECT " + COLUMNS + " FROM brands WHERE environment_id = :env")
                .bind("env", env).map(BrandRepository::brand).one();
    }

    public Mono<Void> upsert(Brand brand) {
        return db.sql("INSERT INTO brands (" + COLUMNS + ") VALUES (:env, :key, :content, :createdAt, :updatedAt) "
                        + "ON CONFLICT (environment_id) DO UPDATE SET brand_key = EXCLUDED.brand_key, content = EXCLUDED.content, "
                        + "updated_at = EXCLUDED.updated_at")
                .bind("env", brand.environmentId()).bind("key", brand.key())
                .bind("content", JSON.writeValueAsString(brand.content()))
                .bind("createdAt", brand.createdAt()).bind("updatedAt", brand.updatedAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> delete(UUID env) {
        return db.sql("DELETE FROM brands WHERE environment_id = :env").bind("env", env).fetch().rowsUpdated().then();
    }

    private static Brand brand(Readable row) {
        return new Brand(row.get("environment_id", UUID.class), row.get("brand_key", UUID.class),
                (ObjectNode) JSON.readTree(row.get("content", String.class)),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }
}
