package io.tidings.template.promotion;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.promotion.PinnedRevision;
import io.tidings.platform.web.ApiException;
import io.tidings.template.group.GroupRepository;
import io.tidings.template.group.NotificationGroup;
import io.tidings.template.layout.Layout;
import io.tidings.template.layout.LayoutRepository;
import io.tidings.template.workflow.Workflow;
import io.tidings.template.workflow.WorkflowRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The seam the promotion saga's participant uses (issue 5): puts given revisions into a target
 * environment, bypassing the read-only guard that stops API writes there, all in one transaction.
 * Deletes go first, so an entity deleted and made again under the same name or identifier in the
 * source does not clash with its old self (there are no foreign keys, so references need no
 * order inside the transaction); then groups and layouts, before the workflows that reference
 * them. Each applied item appends a revision in the target, so its content hash there matches the
 * source's. A name or identifier another entity of the target still holds is refused with a reason
 * that says so.
 */
@Component
public class ContentApplier {

    private static final Set<String> OWNED = Set.of(ContentTypes.WORKFLOW, ContentTypes.NOTIFICATION_GROUP, ContentTypes.LAYOUT);

    private final WorkflowRepository workflows;
    private final GroupRepository groups;
    private final LayoutRepository layouts;
    private final RevisionLog revisions;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ContentApplier(WorkflowRepository workflows, GroupRepository groups, LayoutRepository layouts,
                          RevisionLog revisions, TransactionalOperator tx, Clock clock) {
        this.workflows = workflows;
        this.groups = groups;
        this.layouts = layouts;
        this.revisions = revisions;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Workflows, the bulk of any promotion, are written in one statement per step and their
     * revisions in three; groups and layouts, which are few, one at a time.
     */
    public Mono<Void> apply(RevisionLog.Author target, List<PinnedRevision> items) {
        List<PinnedRevision> ordered = items.stream().sorted(Comparator.comparingInt(ContentApplier::order)).toList();
        for (PinnedRevision item : ordered) {
            if (!OWNED.contains(item.type())) {
                return Mono.error(ApiException.badRequest("template-service does not own content of type " + item.type()));
            }
        }
        Instant now = clock.instant();
        UUID env = target.environmentId();
        List<Workflow> upserts = new ArrayList<>();
        List<UUID> deletes = new ArrayList<>();
        for (PinnedRevision item : ordered) {
            if (ContentTypes.WORKFLOW.equals(item.type())) {
                if (item.deleted()) {
                    deletes.add(item.key());
                } else {
                    upserts.add(new Workflow(env, item.key(), item.content(), now, now));
                }
            }
        }
        // deletes first: a new entity may take the name or identifier of one deleted in the same promotion
        Mono<Void> work = workflows.deleteAll(env, deletes)
                .thenMany(Flux.fromIterable(ordered).filter(item -> !ContentTypes.WORKFLOW.equals(item.type()))
                        .concatMap(item -> applyOne(target, item, now)))
                .then(workflows.upsertAll(env, upserts, now)
                        .onErrorMap(DataIntegrityViolationException.class, e -> clash(e, ContentTypes.WORKFLOW, "a workflow of this step",
                                "another workflow with the same identifier")))
                .then(revisions.appendAll(target, ordered.stream()
                        .map(item -> new RevisionLog.Write(item.type(), item.key(), item.content().path("name").asString(""),
                                item.content(), item.deleted()))
                        .toList()))
                .then();
        return tx.transactional(work);
    }

    /** A group or a layout. */
    private Mono<Void> applyOne(RevisionLog.Author target, PinnedRevision item, Instant now) {
        String name = item.content().path("name").asString("");
        String what = item.type().replace('_', ' ') + " '" + name + "' (" + item.key() + ")";
        String held = ContentTypes.NOTIFICATION_GROUP.equals(item.type())
                ? "another notification group named '" + name + "'"
                : "another layout with the identifier '" + item.content().path("identifier").asString("") + "'";
        return upsertOrDelete(target, item, now, name)
                .onErrorMap(DataIntegrityViolationException.class, e -> clash(e, item.type(), what, held));
    }

    private Mono<Void> upsertOrDelete(RevisionLog.Author target, PinnedRevision item, Instant now, String name) {
        return switch (item.type()) {
            case ContentTypes.NOTIFICATION_GROUP -> item.deleted()
                    ? groups.delete(target.environmentId(), item.key())
                    : groups.upsert(new NotificationGroup(target.environmentId(), item.key(), name, now, now));
            default -> item.deleted()
                    ? layouts.delete(target.environmentId(), item.key())
                    : clearOtherDefault(target, item).then(layouts.upsert(new Layout(target.environmentId(), item.key(), name,
                    item.content().get("identifier").asString(), item.content().get("isDefault").asBoolean(), item.content(), now, now)));
        };
    }

    /** The layout arriving as default takes the place of the target's current one. */
    private Mono<Void> clearOtherDefault(RevisionLog.Author target, PinnedRevision item) {
        if (!item.content().get("isDefault").asBoolean()) {
            return Mono.empty();
        }
        return layouts.findDefault(target.environmentId())
                .filter(current -> !current.id().equals(item.key()))
                .flatMap(current -> layouts.upsert(new Layout(current.environmentId(), current.id(), current.name(), current.identifier(),
                        false, current.content().deepCopy().put("isDefault", false), current.createdAt(), clock.instant())));
    }

    /**
     * A unique index of the target refused the write: a name or identifier another entity holds
     * there. Says which instead of the SQL; anything else stays as it was.
     */
    private static Throwable clash(DataIntegrityViolationException e, String type, String what, String held) {
        String message = String.valueOf(e.getMessage());
        boolean unique = switch (type) {
            case ContentTypes.NOTIFICATION_GROUP -> message.contains("notification_groups_unique_name");
            case ContentTypes.LAYOUT -> message.contains("layouts_unique_identifier");
            default -> message.contains("workflows_unique_identifier");
        };
        if (!unique) {
            return e;
        }
        return ApiException.conflict(what + " cannot be applied: the target environment has " + held
                + "; promote that one's change (its delete or rename) with it");
    }

    /** Group and layout deletes, then their upserts; workflows are written in bulk around them. */
    private static int order(PinnedRevision item) {
        return switch (item.type()) {
            case ContentTypes.NOTIFICATION_GROUP, ContentTypes.LAYOUT -> item.deleted() ? 0 : 1;
            case ContentTypes.WORKFLOW -> 2;
            default -> 3;
        };
    }

}
