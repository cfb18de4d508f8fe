package io.tidings.template.workflow;

import io.r2dbc.spi.Readable;
import io.tidings.platform.web.PageRequest;
import io.tidings.template.content.Documents;
import io.tidings.template.content.TextFilter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Repository
public class WorkflowRepository {

    private static final String COLUMNS = "environment_id, id, content, created_at, updated_at";

    private final DatabaseClient db;

    public WorkflowRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Workflow> find(UUID env, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM workflows WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).map(WorkflowRepository::workflow).one();
    }

    public Mono<Workflow> findByIdentifier(UUID env, String identifier) {
        return db.sql("SELECT " + COLUMNS + " FROM workflows WHERE environment_id = :env AND identifier = :identifier")
                .bind("env", env).bind("identifier", identifier).map(WorkflowRepository::workflow).one();
    }

    /** Newest first. */
    public Flux<Workflow> page(UUID env, String query, PageRequest page) {
        TextFilter filter = new TextFilter(query, "name", "identifier");
        return filter.bind(db.sql("SELECT " + COLUMNS + " FROM workflows WHERE environment_id = :env " + filter.sql()
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset"))
                .bind("env", env).bind("limit", page.limit()).bind("offset", page.offset())
                .map(WorkflowRepository::workflow).all();
    }

    public Mono<Long> count(UUID env, String query) {
        TextFilter filter = new TextFilter(query, "name", "identifier");
        return filter.bind(db.sql("SELECT count(*) AS n FROM workflows WHERE environment_id = :env " + filter.sql()))
                .bind("env", env).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Long> countByGroup(UUID env, UUID groupId) {
        return db.sql("SELECT count(*) AS n FROM workflows WHERE environment_id = :env AND notification_group_id = :group")
                .bind("env", env).bind("group", groupId).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Long> countByLayout(UUID env, UUID layoutId) {
        return db.sql("SELECT count(*) AS n FROM workflows WHERE environment_id = :env AND :layout = ANY(layout_ids)")
                .bind("env", env).bind("layout", layoutId).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Void> upsert(Workflow workflow) {
        return db.sql("INSERT INTO workflows (environment_id, id, name, identifier, notification_group_id, layout_ids, content, "
                        + "created_at, updated_at) VALUES (:env, :id, :name, :identifier, :group, :layouts, :content, :createdAt, :updatedAt) "
                        + "ON CONFLICT (environment_id, id) DO UPDATE SET name = EXCLUDED.name, identifier = EXCLUDED.identifier, "
                        + "notification_group_id = EXCLUDED.notification_group_id, layout_ids = EXCLUDED.layout_ids, "
                        + "content = EXCLUDED.content, updated_at = EXCLUDED.updated_at")
                .bind("env", workflow.environmentId()).bind("id", workflow.id())
                .bind("name", workflow.name()).bind("identifier", workflow.identifier())
                .bind("group", WorkflowContent.groupId(workflow.content()))
                .bind("layouts", WorkflowContent.layoutIds(workflow.content()).toArray(UUID[]::new))
                .bind("content", Documents.write(workflow.content()))
                .bind("createdAt", workflow.createdAt()).bind("updatedAt", workflow.updatedAt())
                .fetch().rowsUpdated().then();
    }

    /** {@link #upsert} for many workflows of one environment in one statement (a promotion step). */
    public Mono<Void> upsertAll(UUID env, List<Workflow> all, Instant now) {
        if (all.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO workflows (environment_id, id, name, identifier, notification_group_id, layout_ids, content, "
                        + "created_at, updated_at) SELECT :env, i, n, d, g, l::uuid[], c, :now, :now FROM unnest(:ids::uuid[], "
                        + ":names::text[], :identifiers::text[], :groups::uuid[], :layouts::text[], :contents::text[]) AS v(i, n, d, g, l, c) "
                        + "ON CONFLICT (environment_id, id) DO UPDATE SET name = EXCLUDED.name, identifier = EXCLUDED.identifier, "
                        + "notification_group_id = EXCLUDED.notification_group_id, layout_ids = EXCLUDED.layout_ids, "
                        + "content = EXCLUDED.content, updated_at = EXCLUDED.updated_at")
                .bind("env", env).bind("now", now)
                .bind("ids", all.stream().map(Workflow::id).toArray(UUID[]::new))
                .bind("names", all.stream().map(Workflow::name).toArray(String[]::new))
                .bind("identifiers", all.stream().map(Workflow::identifier).toArray(String[]::new))
                .bind("groups", all.stream().map(workflow -> WorkflowContent.groupId(workflow.content())).toArray(UUID[]::new))
                // a uuid[] per row, spelled as an array literal: unnest would flatten a two-dimensional array
                .bind("layouts", all.stream().map(workflow -> WorkflowContent.layoutIds(workflow.content()).stream()
                        .map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"))).toArray(String[]::new))
                .bind("contents", all.stream().map(workflow -> Documents.write(workflow.content())).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> deleteAll(UUID env, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM workflows WHERE environment_id = :env AND id = ANY(:ids)")
                .bind("env", env).bind("ids", ids.toArray(UUID[]::new)).fetch().rowsUpdated().then();
    }

    public Mono<Void> delete(UUID env, UUID id) {
        return db.sql("DELETE FROM workflows WHERE environment_id = :env AND id = :id")
                .bind("env", env).bind("id", id).fetch().rowsUpdated().then();
    }

    private static Workflow workflow(Readable row) {
        return new Workflow(row.get("environment_id", UUID.class), row.get("id", UUID.class),
                Documents.read(row.get("content", String.class)), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
