package io.tidings.promotion.promotion;

import io.r2dbc.spi.Readable;
import io.tidings.promotion.Json;
import io.tidings.promotion.saga.SagaItem;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads of past and running sagas. A caller sees the sagas of its organization that its
 * environment started or received. A completed promotion or rollback may be rolled back while no
 * later saga to the same target that did not fail has touched any of its items.
 */
@Repository
public class PromotionHistory {

    private static final String LATER_TOUCHES = "FROM promotions l JOIN promotion_items li ON li.promotion_id = l.promotion_id "
            + "JOIN promotion_items pi ON pi.promotion_id = p.promotion_id AND pi.key = li.key AND pi.type = li.type "
            + "WHERE l.target_environment_id = p.target_environment_id AND l.created_at > p.created_at AND l.status <> 'failed'";

    private static final String COLUMNS = "p.promotion_id, p.kind, p.status, p.source_environment_id, p.target_environment_id, "
            + "p.requested_by, p.rollback_of, p.created_at, p.finished_at, p.failure_reason, p.steps_total, "
            + "(SELECT count(*) FROM promotion_items i WHERE i.promotion_id = p.promotion_id) AS item_count, "
            + "(SELECT count(*) FROM saga_steps s WHERE s.promotion_id = p.promotion_id AND s.status = 'applied') AS steps_applied, "
            + "(p.status = 'completed' AND p.kind <> 'discard' AND NOT EXISTS (SELECT 1 " + LATER_TOUCHES + ")) AS rollback_allowed";

    private static final String VISIBLE = "p.organization_id = :org AND (p.source_environment_id = :env OR p.target_environment_id = :env)";

    private final DatabaseClient db;

    PromotionHistory(DatabaseClient db) {
        this.db = db;
    }

    Flux<PromotionView> page(UUID organizationId, UUID environmentId, long offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM promotions p WHERE " + VISIBLE
                        + " ORDER BY p.created_at DESC, p.promotion_id LIMIT :limit OFFSET :offset")
                .bind("org", organizationId).bind("env", environmentId).bind("limit", limit).bind("offset", offset)
                .map(PromotionHistory::view)
                .all();
    }

    Mono<Long> count(UUID organizationId, UUID environmentId) {
        return db.sql("SELECT count(*) AS n FROM promotions p WHERE " + VISIBLE)
                .bind("org", organizationId).bind("env", environmentId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    Mono<PromotionView> find(UUID organizationId, UUID environmentId, UUID promotionId) {
        return db.sql("SELECT " + COLUMNS + " FROM promotions p WHERE p.promotion_id = :id AND " + VISIBLE)
                .bind("id", promotionId).bind("org", organizationId).bind("env", environmentId)
                .map(PromotionHistory::view)
                .one();
    }

    /** A page of the promotion's items, in the order they were applied. */
    Flux<PromotionView.Item> items(UUID promotionId, long offset, int limit) {
        return db.sql("SELECT change_id, type, key, name, change_type, source_revision, previous_revision, previous_deleted, "
                        + "dependency FROM promotion_items WHERE promotion_id = :id ORDER BY position LIMIT :limit OFFSET :offset")
                .bind("id", promotionId).bind("limit", limit).bind("offset", offset)
                .map(row -> new PromotionView.Item(row.get("change_id", UUID.class).toString(), row.get("type", String.class),
                        row.get("key", UUID.class).toString(), row.get("name", String.class), row.get("change_type", String.class),
                        row.get("source_revision", Long.class), row.get("previous_revision", Long.class),
                        row.get("previous_deleted", Boolean.class), Boolean.TRUE.equals(row.get("dependency", Boolean.class))))
                .all();
    }

    /** Items of the promotion that a later saga to the same target touched, as "type 'name'". */
    Flux<String> touchedLater(UUID promotionId) {
        return db.sql("SELECT DISTINCT pi.type, COALESCE(pi.name, pi.key::text) AS name, l.promotion_id AS later "
                        + "FROM promotions p JOIN promotion_items pi ON pi.promotion_id = p.promotion_id "
                        + "JOIN promotions l ON l.target_environment_id = p.target_environment_id AND l.created_at > p.created_at "
                        + "AND l.status <> 'failed' JOIN promotion_items li ON li.promotion_id = l.promotion_id "
                        + "AND li.key = pi.key AND li.type = pi.type WHERE p.promotion_id = :id ORDER BY 1, 2")
                .bind("id", promotionId)
                .map(row -> row.get("type", String.class) + " '" + row.get("name", String.class) + "' (by promotion "
                        + row.get("later", UUID.class) + ")")
                .all();
    }

    /**
     * The items that put back what the promotion replaced: previous content where the target had
     * the entity, a delete where it had not.
     */
    Flux<SagaItem> reverseItems(UUID promotionId) {
        return db.sql("SELECT change_id, type, key, name, previous_revision, previous_deleted, previous_content, source_revision "
                        + "FROM promotion_items WHERE promotion_id = :id ORDER BY position")
                .bind("id", promotionId)
                .map(row -> {
                    Long previous = row.get("previous_revision", Long.class);
                    boolean absent = previous == null || Boolean.TRUE.equals(row.get("previous_deleted", Boolean.class));
                    return new SagaItem(row.get("change_id", UUID.class), row.get("type", String.class), row.get("key", UUID.class),
                            row.get("name", String.class), absent ? "deleted" : "updated",
                            previous == null ? 0 : previous, row.get("source_revision", Long.class), absent,
                            Json.read(row.get("previous_content", String.class)), false);
                })
                .all();
    }

    /** Items of completed promotions from the environment, newest first, for GET /v1/changes?promoted=true. */
    public Flux<PromotedChange> promoted(UUID organizationId, UUID source, long offset, int limit) {
        return db.sql("SELECT i.change_id, i.type, i.key, i.name, i.change_type, i.source_revision, i.previous_revision, "
                        + "p.promotion_id, p.requested_by, p.finished_at FROM promotion_items i "
                        + "JOIN promotions p ON p.promotion_id = i.promotion_id WHERE p.organization_id = :org "
                        + "AND p.source_environment_id = :source AND p.kind = 'promotion' AND p.status = 'completed' "
                        + "ORDER BY p.finished_at DESC, i.position LIMIT :limit OFFSET :offset")
                .bind("org", organizationId).bind("source", source).bind("limit", limit).bind("offset", offset)
                .map(row -> new PromotedChange(row.get("change_id", UUID.class).toString(), row.get("type", String.class),
                        row.get("key", UUID.class).toString(), row.get("name", String.class), row.get("change_type", String.class),
                        row.get("source_revision", Long.class), row.get("previous_revision", Long.class),
                        row.get("requested_by", String.class), row.get("finished_at", Instant.class),
                        row.get("promotion_id", UUID.class).toString()))
                .all();
    }

    public Mono<Long> promotedCount(UUID organizationId, UUID source) {
        return db.sql("SELECT count(*) AS n FROM promotion_items i JOIN promotions p ON p.promotion_id = i.promotion_id "
                        + "WHERE p.organization_id = :org AND p.source_environment_id = :source AND p.kind = 'promotion' "
                        + "AND p.status = 'completed'")
                .bind("org", organizationId).bind("source", source)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private static PromotionView view(Readable row) {
        Instant created = row.get("created_at", Instant.class);
        Instant finished = row.get("finished_at", Instant.class);
        UUID rollbackOf = row.get("rollback_of", UUID.class);
        return new PromotionView(row.get("promotion_id", UUID.class).toString(), row.get("kind", String.class),
                row.get("status", String.class), row.get("source_environment_id", UUID.class).toString(),
                row.get("target_environment_id", UUID.class).toString(), row.get("requested_by", String.class),
                rollbackOf == null ? null : rollbackOf.toString(), created, finished,
                finished == null ? null : Duration.between(created, finished).toMillis(), row.get("failure_reason", String.class),
                row.get("item_count", Long.class).intValue(), row.get("steps_total", Integer.class),
                row.get("steps_applied", Long.class).intValue(), Boolean.TRUE.equals(row.get("rollback_allowed", Boolean.class)),
                null);
    }
}
