package io.tidings.promotion.change;

import io.r2dbc.spi.Readable;
import io.tidings.promotion.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Pending changes, computed in SQL from the projection: each (type, key) of the source whose state
 * differs from the target's. Created: live in the source, absent or deleted in the target.
 * Updated: live in both with different hashes. Deleted: deleted in the source, live in the target.
 * Entities only the target holds are not changes of the source.
 */
@Repository
public class ChangeRepository {

    /**
     * The projection learns of a promotion's target revisions from Kafka, a moment after the saga
     * completes. Until then, an entity the latest saga to the target carried at the source's current
     * revision already equals the source there, so it is not pending (and cannot be promoted twice).
     * A later saga on that entity (a rollback) ends this: its outcome comes from the projection again.
     */
    private static final String JUST_PROMOTED = "EXISTS (SELECT 1 FROM promotion_items i "
            + "JOIN promotions p ON p.promotion_id = i.promotion_id "
            + "WHERE i.type = s.type AND i.key = s.key AND i.source_revision = s.revision AND i.deleted = s.deleted "
            + "AND p.kind = 'promotion' AND p.status = 'completed' "
            + "AND p.source_environment_id = :source AND p.target_environment_id = :target "
            + "AND NOT EXISTS (SELECT 1 FROM promotion_items later JOIN promotions lp ON lp.promotion_id = later.promotion_id "
            + "WHERE later.type = s.type AND later.key = s.key AND lp.target_environment_id = :target "
            + "AND lp.status <> 'failed' AND lp.created_at > p.created_at))";

    /** Source row s and target row t (null when the target never had it) hold different states. */
    private static final String DIFFERS = "((NOT s.deleted AND (t.key IS NULL OR t.deleted OR t.content_hash <> s.content_hash)) "
            + "OR (s.deleted AND t.key IS NOT NULL AND NOT t.deleted))";

    private static final String PENDING = "FROM content_state s "
            + "LEFT JOIN content_state t ON t.environment_id = :target AND t.type = s.type AND t.key = s.key "
            + "WHERE s.environment_id = :source AND " + DIFFERS + " AND NOT " + JUST_PROMOTED;

    private static final String CHANGE_TYPE = "CASE WHEN s.deleted THEN 'deleted' "
            + "WHEN t.key IS NULL OR t.deleted THEN 'created' ELSE 'updated' END";

    private final DatabaseClient db;

    public ChangeRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A page of pending changes, the most recently changed first. */
    public Flux<PendingChange> pending(UUID source, UUID target, long offset, int limit) {
        return db.sql("SELECT s.change_id, s.type, s.key, COALESCE(s.name, t.name) AS name, " + CHANGE_TYPE + " AS change_type, "
                        + "s.revision AS source_revision, t.revision AS target_revision, s.actor, s.changed_at "
                        + PENDING + " ORDER BY s.changed_at DESC, s.type, s.key LIMIT :limit OFFSET :offset")
                .bind("source", source).bind("target", target).bind("limit", limit).bind("offset", offset)
                .map(ChangeRepository::change)
                .all();
    }

    public Mono<Long> count(UUID source, UUID target) {
        return db.sql("SELECT count(*) AS n " + PENDING)
                .bind("source", source).bind("target", target)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** The change with this id when it is pending from {@code source} to {@code target}. */
    public Mono<ChangeDocuments> documents(UUID source, UUID target, UUID changeId) {
        return db.sql("SELECT s.change_id, s.type, s.key, s.deleted AS source_deleted, s.content AS source_content, "
                        + "t.deleted AS target_deleted, t.content AS target_content "
                        + PENDING + " AND s.change_id = :changeId")
                .bind("source", source).bind("target", target).bind("changeId", changeId)
                .map(row -> {
                    boolean sourceDeleted = Boolean.TRUE.equals(row.get("source_deleted", Boolean.class));
                    Boolean targetDeleted = row.get("target_deleted", Boolean.class);
                    JsonNode sourceContent = sourceDeleted ? null : Json.read(row.get("source_content", String.class));
                    JsonNode targetContent = targetDeleted == null || targetDeleted ? null : Json.read(row.get("target_content", String.class));
                    return new ChangeDocuments(row.get("change_id", UUID.class).toString(), row.get("type", String.class),
                            row.get("key", UUID.class).toString(), sourceContent, targetContent);
                })
                .one();
    }

    /**
     * Pending changes with both sides' content, ready to be pinned: all of them when
     * {@code changeIds} is null, else those among the ids.
     */
    public Flux<ChangeCandidate> candidates(UUID source, UUID target, UUID[] changeIds) {
        return candidatesWhere(source, target, changeIds == null ? "" : " AND s.change_id = ANY(:ids)", "ids", changeIds);
    }

    /** Pending changes of the given entity keys (a workflow's dependencies). */
    public Flux<ChangeCandidate> candidatesByKey(UUID source, UUID target, UUID[] keys) {
        return candidatesWhere(source, target, " AND s.key = ANY(:keys)", "keys", keys);
    }

    private Flux<ChangeCandidate> candidatesWhere(UUID source, UUID target, String filter, String name, UUID[] values) {
        var spec = db.sql("SELECT s.change_id, s.type, s.key, COALESCE(s.name, t.name) AS name, " + CHANGE_TYPE + " AS change_type, "
                        + "s.revision AS source_revision, s.deleted AS source_deleted, s.content AS source_content, "
                        + "t.revision AS target_revision, t.deleted AS target_deleted, t.content AS target_content "
                        + PENDING + filter + " ORDER BY s.changed_at, s.type, s.key")
                .bind("source", source).bind("target", target);
        if (values != null) {
            spec = spec.bind(name, values);
        }
        return spec.map(row -> new ChangeCandidate(row.get("change_id", UUID.class), row.get("type", String.class),
                        row.get("key", UUID.class), row.get("name", String.class), row.get("change_type", String.class),
                        row.get("source_revision", Long.class), Boolean.TRUE.equals(row.get("source_deleted", Boolean.class)),
                        Json.read(row.get("source_content", String.class)), row.get("target_revision", Long.class),
                        Boolean.TRUE.equals(row.get("target_deleted", Boolean.class)), Json.read(row.get("target_content", String.class))))
                .all();
    }

    /** Which of the keys are live (held and not deleted) in the environment, as "type:key". */
    public Flux<String> live(UUID environmentId, UUID[] keys) {
        return db.sql("SELECT type, key FROM content_state WHERE environment_id = :env AND key = ANY(:keys) AND NOT deleted")
                .bind("env", environmentId).bind("keys", keys)
                .map(row -> row.get("type", String.class) + ":" + row.get("key", UUID.class))
                .all();
    }

    /** Pending changes of every environment that has a target, summed by the source's kind (for the gauge). */
    public Flux<KindCount> pendingByKind() {
        return db.sql("SELECT e.kind, count(*) AS n FROM environments e "
                        + "JOIN environments tgt ON tgt.source_environment_id = e.environment_id "
                        + "AND tgt.organization_id = e.organization_id "
                        + "JOIN content_state s ON s.environment_id = e.environment_id "
                        + "LEFT JOIN content_state t ON t.environment_id = tgt.environment_id AND t.type = s.type AND t.key = s.key "
                        + "WHERE " + DIFFERS + " GROUP BY e.kind")
                .map(row -> new KindCount(row.get("kind", String.class), row.get("n", Long.class)))
                .all();
    }

    public record KindCount(String kind, long count) {
    }

    /** Both sides of a pending change; a side is null where the entity is absent or deleted. */
    public record ChangeDocuments(String changeId, String type, String key, JsonNode source, JsonNode target) {
    }

    private static PendingChange change(Readable row) {
        OffsetDateTime changedAt = row.get("changed_at", OffsetDateTime.class);
        return new PendingChange(row.get("change_id", UUID.class).toString(), row.get("type", String.class),
                row.get("key", UUID.class).toString(), row.get("name", String.class), row.get("change_type", String.class),
                row.get("source_revision", Long.class), row.get("target_revision", Long.class), row.get("actor", String.class),
                changedAt == null ? null : changedAt.toInstant());
    }
}
