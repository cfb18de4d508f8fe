package io.tidings.environment.credential;

import io.tidings.platform.context.EnvironmentKind;
import io.tidings.platform.context.ResolvedCredential;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Resolves a credential to its environment in one query, for the gateway's cache. */
@Repository
public class CredentialLookup {

    private static final String ENVIRONMENT = "e.organization_id, e.id AS environment_id, e.kind, e.source_environment_id, "
            + "(SELECT t.id FROM environments t WHERE t.source_environment_id = e.id) AS target_environment_id";

    private final DatabaseClient db;
    private final Clock clock;

    public CredentialLookup(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<ResolvedCredential> byKeyHash(String keyHash) {
        return db.sql("SELECT " + ENVIRONMENT + ", k.expires_at FROM api_keys k JOIN environments e ON e.id = k.environment_id "
                        + "WHERE k.key_hash = :hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > :now)")
                .bind("hash", keyHash)
                .bind("now", clock.instant())
                .map(row -> credential(row, row.get("expires_at", Instant.class)))
                .one();
    }

    public Mono<ResolvedCredential> byApplicationIdentifier(String identifier) {
        return db.sql("SELECT " + ENVIRONMENT + " FROM environments e WHERE e.identifier = :identifier")
                .bind("identifier", identifier)
                .map(row -> credential(row, null))
                .one();
    }

    private static ResolvedCredential credential(io.r2dbc.spi.Readable row, Instant expiresAt) {
        return new ResolvedCredential(
                row.get("organization_id", UUID.class),
                row.get("environment_id", UUID.class),
                EnvironmentKind.valueOf(row.get("kind", String.class)),
                row.get("source_environment_id", UUID.class),
                row.get("target_environment_id", UUID.class),
                expiresAt);
    }
}
