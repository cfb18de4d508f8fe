package io.tidings.promotion.saga;

import io.r2dbc.spi.Readable;
import io.tidings.platform.messaging.PreviousState;
import io.tidings.promotion.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The saga's persisted state: promotions, their items and steps. Call inside the caller's transaction. */
@Repository
public class SagaRepository {

    private final DatabaseClient db;

    public SagaRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Fails with a duplicate key when a saga to the same target is in flight (the lock). */
    public Mono<Void> insert(NewSaga saga, List<SagaStep> steps, Instant now, Instant deadline) {
        Mono<Long> promotion = db.sql("INSERT INTO promotions (promotion_id, organization_id, source_environment_id, "
                        + "target_environment_id, kind, rollback_of, status, requested_by, steps_total, created_at, deadline) "
                        + "VALUES (:id, :org, :source, :target, :kind, :rollbackOf, 'running', :by, :steps, :now, :deadline)")
                .bind("id", saga.promotionId())
                .bind("org", saga.organizationId())
                .bind("source", saga.sourceEnvironmentId())
                .bind("target", saga.targetEnvironmentId())
                .bind("kind", saga.kind().label())
                .bind("rollbackOf", Parameter.fromOrEmpty(saga.rollbackOf(), UUID.class))
                .bind("by", saga.requestedBy())
                .bind("steps", steps.size())
                .bind("now", now)
                .bind("deadline", deadline)
                .fetch().rowsUpdated();
        return promotion.then(insertItems(saga.promotionId(), steps)).then(insertSteps(saga.promotionId(), steps)).then();
    }

    /** All items in one statement: a promotion of ten thousand items is one round trip. */
    private Mono<Long> insertItems(UUID promotionId, List<SagaStep> steps) {
        int n = steps.stream().mapToInt(step -> step.items().size()).sum();
        Integer[] positions = new Integer[n];
        Integer[] stepNumbers = new Integer[n];
        UUID[] changeIds = new UUID[n];
        String[] types = new String[n];
        UUID[] keys = new UUID[n];
        String[] names = new String[n];
        String[] changeTypes = new String[n];
        Long[] revisions = new Long[n];
        Boolean[] deleted = new Boolean[n];
        String[] contents = new String[n];
        Boolean[] dependencies = new Boolean[n];
        Long[] previous = new Long[n];
        int i = 0;
        for (SagaStep step : steps) {
            for (SagaItem item : step.items()) {
                positions[i] = i;
                stepNumbers[i] = step.number();
                changeIds[i] = item.changeId();
                types[i] = item.type();
                keys[i] = item.key();
                names[i] = item.name();
                changeTypes[i] = item.changeType();
                revisions[i] = item.sourceRevision();
                deleted[i] = item.deleted();
                contents[i] = Json.write(item.content());
                dependencies[i] = item.dependency();
                previous[i] = item.targetRevision();
                i++;
            }
        }
        return db.sql("INSERT INTO promotion_items (promotion_id, position, step, change_id, type, key, name, change_type, "
                        + "source_revision, deleted, content, dependency, previous_revision) "
                        + "SELECT :id, * FROM unnest(:positions::int[], :steps::int[], :changeIds::uuid[], :types::text[], "
                        + ":keys::uuid[], :names::text[], :changeTypes::text[], :revisions::bigint[], :deleted::boolean[], "
                        + ":contents::text[], :dependencies::boolean[], :previous::bigint[])")
                .bind("id", promotionId)
                .bind("positions", positions).bind("steps", stepNumbers).bind("changeIds", changeIds)
                .bind("types", types).bind("keys", keys).bind("names", names).bind("changeTypes", changeTypes)
                .bind("revisions", revisions).bind("deleted", deleted).bind("contents", contents)
                .bind("dependencies", dependencies).bind("previous", previous)
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertSteps(UUID promotionId, List<SagaStep> steps) {
        Integer[] numbers = steps.stream().map(SagaStep::number).toArray(Integer[]::new);
        String[] services = steps.stream().map(SagaStep::service).toArray(String[]::new);
        Integer[] counts = steps.stream().map(step -> step.items().size()).toArray(Integer[]::new);
        return db.sql("INSERT INTO saga_steps (promotion_id, step, service, item_count, status) "
                        + "SELECT :id, * , 'pending' FROM unnest(:numbers::int[], :services::text[], :counts::int[])")
                .bind("id", promotionId).bind("numbers", numbers).bind("services", services).bind("counts", counts)
                .fetch().rowsUpdated();
    }

    /** The saga in flight to a target, for the 409 of a second one. */
    public Mono<UUID> inFlight(UUID targetEnvironmentId) {
        return db.sql("SELECT promotion_id FROM promotions WHERE target_environment_id = :target "
                        + "AND status IN ('running', 'compensating')")
                .bind("target", targetEnvironmentId)
                .map(row -> row.get("promotion_id", UUID.class))
                .one();
    }

    /** Locks the saga's row until the transaction ends; replies and the timeout sweep serialize here. */
    public Mono<SagaState> lock(UUID promotionId) {
        return db.sql("SELECT promotion_id, organization_id, source_environment_id, target_environment_id, kind, status, "
                        + "steps_total, created_at, deadline FROM promotions WHERE promotion_id = :id FOR UPDATE")
                .bind("id", promotionId)
                .map(SagaRepository::state)
                .one();
    }

    /** Sagas in flight whose deadline has passed. */
    public Flux<UUID> overdue(Instant now, int limit) {
        return db.sql("SELECT promotion_id FROM promotions WHERE status IN ('running', 'compensating') AND deadline < :now "
                        + "ORDER BY deadline LIMIT :limit")
                .bind("now", now).bind("limit", limit)
                .map(row -> row.get("promotion_id", UUID.class))
                .all();
    }

    /** Moves the deadline of every saga in flight to at least the given instant; emits how many are in flight. */
    public Mono<Long> postponeDeadlines(Instant deadline) {
        return db.sql("UPDATE promotions SET deadline = GREATEST(deadline, :deadline) WHERE status IN ('running', 'compensating')")
                .bind("deadline", deadline)
                .fetch().rowsUpdated();
    }

    /** Count of sagas in flight and the start of the oldest, for the stuck-saga gauges. */
    public Mono<InFlight> inFlightSummary() {
        return db.sql("SELECT count(*) AS n, min(created_at) AS oldest FROM promotions WHERE status IN ('running', 'compensating')")
                .map(row -> new InFlight(row.get("n", Long.class), row.get("oldest", Instant.class)))
                .one();
    }

    public record InFlight(long count, Instant oldestStart) {
    }

    public Mono<Void> moveOn(UUID promotionId, String status, String reason, Instant deadline) {
        return db.sql("UPDATE promotions SET status = :status, failure_reason = COALESCE(:reason, failure_reason), "
                        + "deadline = :deadline WHERE promotion_id = :id")
                .bind("status", status)
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("deadline", deadline)
                .bind("id", promotionId)
                .fetch().rowsUpdated().then();
    }

    /** Ends the saga; emits its failure reason, empty ("") when it has none. */
    public Mono<String> finish(UUID promotionId, String status, Instant now) {
        return db.sql("UPDATE promotions SET status = :status, finished_at = :now WHERE promotion_id = :id "
                        + "RETURNING COALESCE(failure_reason, '') AS reason")
                .bind("status", status).bind("now", now).bind("id", promotionId)
                .map(row -> row.get("reason", String.class))
                .one();
    }

    public Mono<String> stepStatus(UUID promotionId, int step) {
        return db.sql("SELECT status FROM saga_steps WHERE promotion_id = :id AND step = :step")
                .bind("id", promotionId).bind("step", step)
                .map(row -> row.get("status", String.class))
                .one();
    }

    public Mono<Void> setStepStatus(UUID promotionId, int step, String status) {
        return db.sql("UPDATE saga_steps SET status = :status WHERE promotion_id = :id AND step = :step")
                .bind("status", status).bind("id", promotionId).bind("step", step)
                .fetch().rowsUpdated().then();
    }

    /** (step, service) of the steps in the given statuses, in step order. */
    public Flux<StepRef> steps(UUID promotionId, List<String> statuses) {
        return db.sql("SELECT step, service FROM saga_steps WHERE promotion_id = :id AND status = ANY(:statuses) ORDER BY step")
                .bind("id", promotionId).bind("statuses", statuses.toArray(String[]::new))
                .map(row -> new StepRef(row.get("step", Integer.class), row.get("service", String.class)))
                .all();
    }

    public record StepRef(int step, String service) {
    }

    public Mono<Long> countSteps(UUID promotionId, String status) {
        return db.sql("SELECT count(*) AS n FROM saga_steps WHERE promotion_id = :id AND status = :status")
                .bind("id", promotionId).bind("status", status)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    public Mono<String> serviceOf(UUID promotionId, int step) {
        return db.sql("SELECT service FROM saga_steps WHERE promotion_id = :id AND step = :step")
                .bind("id", promotionId).bind("step", step)
                .map(row -> row.get("service", String.class))
                .one();
    }

    /** The step's items in position order, with the pinned content. */
    public Flux<SagaItem> items(UUID promotionId, int step) {
        return db.sql("SELECT change_id, type, key, name, change_type, source_revision, previous_revision, deleted, content, "
                        + "dependency FROM promotion_items WHERE promotion_id = :id AND step = :step ORDER BY position")
                .bind("id", promotionId).bind("step", step)
                .map(SagaRepository::item)
                .all();
    }

    /** What the participant says the target held before the step: kept for history and rollback. */
    public Mono<Void> recordPrevious(UUID promotionId, int step, List<PreviousState> previous) {
        if (previous == null || previous.isEmpty()) {
            return Mono.empty();
        }
        int n = previous.size();
        String[] types = new String[n];
        UUID[] keys = new UUID[n];
        Long[] revisions = new Long[n];
        Boolean[] deleted = new Boolean[n];
        String[] contents = new String[n];
        for (int i = 0; i < n; i++) {
            PreviousState state = previous.get(i);
            types[i] = state.type();
            keys[i] = state.key();
            revisions[i] = state.revision();
            deleted[i] = state.deleted();
            contents[i] = Json.write(state.content());
        }
        return db.sql("UPDATE promotion_items p SET previous_revision = v.revision, previous_deleted = v.deleted, "
                        + "previous_content = v.content FROM unnest(:types::text[], :keys::uuid[], :revisions::bigint[], "
                        + ":deleted::boolean[], :contents::text[]) AS v(type, key, revision, deleted, content) "
                        + "WHERE p.promotion_id = :id AND p.step = :step AND p.type = v.type AND p.key = v.key")
                .bind("types", types).bind("keys", keys).bind("revisions", revisions).bind("deleted", deleted)
                .bind("contents", contents).bind("id", promotionId).bind("step", step)
                .fetch().rowsUpdated().then();
    }

    /** How many items of each type the saga carried, for tidings_promotion_changes_total. */
    public Mono<Map<String, Long>> countsByType(UUID promotionId) {
        return db.sql("SELECT type, count(*) AS n FROM promotion_items WHERE promotion_id = :id GROUP BY type")
                .bind("id", promotionId)
                .map(row -> Map.entry(row.get("type", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    static SagaItem item(Readable row) {
        return new SagaItem(row.get("change_id", UUID.class), row.get("type", String.class), row.get("key", UUID.class),
                row.get("name", String.class), row.get("change_type", String.class), row.get("source_revision", Long.class),
                row.get("previous_revision", Long.class), Boolean.TRUE.equals(row.get("deleted", Boolean.class)),
                Json.read(row.get("content", String.class)), Boolean.TRUE.equals(row.get("dependency", Boolean.class)));
    }

    private static SagaState state(Readable row) {
        return new SagaState(row.get("promotion_id", UUID.class), row.get("organization_id", UUID.class),
                row.get("source_environment_id", UUID.class), row.get("target_environment_id", UUID.class),
                SagaKind.valueOf(row.get("kind", String.class).toUpperCase(Locale.ROOT)), row.get("status", String.class),
                row.get("steps_total", Integer.class), row.get("created_at", Instant.class), row.get("deadline", Instant.class));
    }
}
