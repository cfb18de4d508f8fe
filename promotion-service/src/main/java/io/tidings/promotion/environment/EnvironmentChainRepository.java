package io.tidings.promotion.environment;

import io.tidings.platform.messaging.EnvironmentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Each environment's organization, kind and source: the promotion chain as environment-service announced it. */
@Repository
public class EnvironmentChainRepository {

    private final DatabaseClient db;

    public EnvironmentChainRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records a created or relinked environment. An event older than what is held changes nothing,
     * so a late delivery cannot put back a source that was since replaced.
     */
    public Mono<Boolean> apply(EnvironmentEvent event) {
        Instant occurred = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        return db.sql("INSERT INTO environments (environment_id, organization_id, kind, source_environment_id, occurred_at) "
                        + "VALUES (:env, :org, :kind, :source, :occurred) "
                        + "ON CONFLICT (environment_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, "
                        + "kind = EXCLUDED.kind, source_environment_id = EXCLUDED.source_environment_id, "
                        + "occurred_at = EXCLUDED.occurred_at, updated_at = now() "
                        + "WHERE environments.occurred_at <= EXCLUDED.occurred_at")
                .bind("env", event.environmentId())
                .bind("org", event.organizationId())
                .bind("kind", event.kind().name())
                .bind("source", Parameter.fromOrEmpty(event.sourceEnvironmentId(), UUID.class))
                .bind("occurred", OffsetDateTime.ofInstant(occurred, ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** The environment promoted to from {@code source} in the same organization, if any is known. */
    public Mono<UUID> targetOf(UUID organizationId, UUID source) {
        return db.sql("SELECT environment_id FROM environments WHERE source_environment_id = :source "
                        + "AND organization_id = :org ORDER BY occurred_at DESC LIMIT 1")
                .bind("source", source).bind("org", organizationId)
                .map(row -> row.get("environment_id", UUID.class))
                .one();
    }
}
