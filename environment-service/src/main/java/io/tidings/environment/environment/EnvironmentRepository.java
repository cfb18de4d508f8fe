package io.tidings.environment.environment;

import io.r2dbc.spi.Readable;
import io.tidings.platform.context.EnvironmentKind;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

@Repository
public class EnvironmentRepository {

    private static final String COLUMNS = "id, organization_id, name, identifier, kind, source_environment_id, created_at";

    private final DatabaseClient db;

    public EnvironmentRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Environment> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM environments WHERE id = :id")
                .bind("id", id)
                .map(EnvironmentRepository::environment)
                .one();
    }

    /** The organization's environments, oldest first. */
    public Flux<Environment> findByOrganization(UUID organizationId) {
        return db.sql("SELECT " + COLUMNS + " FROM environments WHERE organization_id = :org ORDER BY created_at, id")
                .bind("org", organizationId)
                .map(EnvironmentRepository::environment)
                .all();
    }

    /** Serializes every change to one organization's chain until the transaction ends. */
    public Mono<Void> lockOrganization(UUID organizationId) {
        return db.sql("SELECT id FROM organizations WHERE id = :org FOR UPDATE")
                .bind("org", organizationId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    public Mono<Environment> insert(Environment environment) {
        var spec = db.sql("INSERT INTO environments (id, organization_id, name, identifier, kind, source_environment_id, created_at) "
                        + "VALUES (:id, :org, :name, :identifier, :kind, :source, :createdAt)")
                .bind("id", environment.id())
                .bind("org", environment.organizationId())
                .bind("name", environment.name())
                .bind("identifier", environment.identifier())
                .bind("kind", environment.kind().name())
                .bind("createdAt", environment.createdAt());
        spec = environment.sourceEnvironmentId() == null
                ? spec.bindNull("source", UUID.class)
                : spec.bind("source", environment.sourceEnvironmentId());
        return spec.fetch().rowsUpdated().thenReturn(environment);
    }

    public Mono<Void> updateSource(UUID environmentId, UUID sourceEnvironmentId) {
        var spec = db.sql("UPDATE environments SET source_environment_id = :source WHERE id = :id").bind("id", environmentId);
        spec = sourceEnvironmentId == null ? spec.bindNull("source", UUID.class) : spec.bind("source", sourceEnvironmentId);
        return spec.fetch().rowsUpdated().then();
    }

    static Environment environment(Readable row) {
        return new Environment(
                row.get("id", UUID.class),
                row.get("organization_id", UUID.class),
                row.get("name", String.class),
                row.get("identifier", String.class),
                EnvironmentKind.valueOf(row.get("kind", String.class)),
                row.get("source_environment_id", UUID.class),
                row.get("created_at", Instant.class));
    }
}
