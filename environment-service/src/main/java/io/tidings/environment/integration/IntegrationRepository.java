package io.tidings.environment.integration;

import io.r2dbc.spi.Readable;
import io.tidings.environment.crypto.SecretBox;
import io.tidings.platform.web.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Integrations of one environment; credentials are sealed on the way in and opened on the way out. */
@Repository
public class IntegrationRepository {

    private static final String COLUMNS = "id, environment_id, provider_id, channel, name, active, credentials, created_at, updated_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final SecretBox box;

    public IntegrationRepository(DatabaseClient db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    public Mono<Integration> find(UUID env, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM integrations WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id)
                .map(this::integration).one();
    }

    /** Oldest first. */
    public Flux<Integration> page(UUID env, PageRequest page) {
        return db.sql("SELECT " + COLUMNS + " FROM integrations WHERE environment_id = :env "
                        + "ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("env", env).bind("limit", page.limit()).bind("offset", page.offset())
                .map(this::integration).all();
    }

    public Mono<Long> count(UUID env) {
        return db.sql("SELECT count(*) AS n FROM integrations WHERE environment_id = :env")
                .bind("env", env).map(row -> row.get("n", Long.class)).one();
    }

    /** Active integrations, newest first; of one channel when {@code channel} is not null. */
    public Flux<Integration> active(UUID env, String channel) {
        var spec = db.sql("SELECT " + COLUMNS + " FROM integrations WHERE environment_id = :env AND active "
                        + (channel == null ? "" : "AND channel = :channel ") + "ORDER BY created_at DESC, id DESC")
                .bind("env", env);
        if (channel != null) {
            spec = spec.bind("channel", channel);
        }
        return spec.map(this::integration).all();
    }

    public Mono<Void> insert(Integration i) {
        return db.sql("INSERT INTO integrations (" + COLUMNS + ") "
                        + "VALUES (:id, :env, :provider, :channel, :name, :active, :credentials, :createdAt, :updatedAt)")
                .bind("id", i.id()).bind("env", i.environmentId()).bind("provider", i.providerId())
                .bind("channel", i.channel()).bind("name", i.name()).bind("active", i.active())
                .bind("credentials", seal(i.id(), i.credentials()))
                .bind("createdAt", i.createdAt()).bind("updatedAt", i.updatedAt())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> update(Integration i) {
        return db.sql("UPDATE integrations SET provider_id = :provider, channel = :channel, name = :name, active = :active, "
                        + "credentials = :credentials, updated_at = :updatedAt WHERE environment_id = :env AND id = :id")
                .bind("id", i.id()).bind("env", i.environmentId()).bind("provider", i.providerId())
                .bind("channel", i.channel()).bind("name", i.name()).bind("active", i.active())
                .bind("credentials", seal(i.id(), i.credentials()))
                .bind("updatedAt", i.updatedAt())
                .fetch().rowsUpdated().then();
    }

    /** The number of rows deleted: 0 when the id is not this environment's. */
    public Mono<Long> delete(UUID env, UUID id) {
        return db.sql("DELETE FROM integrations WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).fetch().rowsUpdated();
    }

    /** Each value sealed for its integration and name: a ciphertext moved to another row or name does not open. */
    private String seal(UUID id, Map<String, String> credentials) {
        Map<String, String> sealed = new LinkedHashMap<>();
        credentials.forEach((name, value) -> sealed.put(name, box.seal(value, context(id, name))));
        return JSON.writeValueAsString(sealed);
    }

    private Integration integration(Readable row) {
        UUID id = row.get("id", UUID.class);
        Map<String, String> opened = new LinkedHashMap<>();
        JSON.readValue(row.get("credentials", String.class), STRING_MAP)
                .forEach((name, sealed) -> opened.put(name, box.open(sealed, context(id, name))));
        return new Integration(id, row.get("environment_id", UUID.class), row.get("provider_id", String.class),
                row.get("channel", String.class), row.get("name", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                opened, row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    private static String context(UUID id, String name) {
        return "integration:" + id + ":" + name;
    }
}
