package io.tidings.template.layout;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import io.tidings.template.workflow.WorkflowRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Layout writes: each appends a revision in its transaction, and one layout per environment is the default. */
@Service
public class LayoutService {

    private final LayoutRepository layouts;
    private final WorkflowRepository workflows;
    private final RevisionLog revisions;
    private final TransactionalOperator tx;
    private final Clock clock;

    public LayoutService(LayoutRepository layouts, WorkflowRepository workflows, RevisionLog revisions,
                         TransactionalOperator tx, Clock clock) {
        this.layouts = layouts;
        this.workflows = workflows;
        this.revisions = revisions;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<Layout> find(UUID env, UUID id) {
        return layouts.find(env, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("layout " + id + " not found")));
    }

    public Mono<Layout> create(RevisionLog.Author author, LayoutRequest request) {
        UUID env = author.environmentId();
        ObjectNode draft = LayoutContent.of(request, false);
        Mono<Layout> creation = uniqueIdentifier(env, draft.get("identifier").asString(), null)
                .then(layouts.count(env))
                .flatMap(existing -> {
                    boolean isDefault = existing == 0 || Boolean.TRUE.equals(request.isDefault());
                    Layout layout = layout(env, Ids.uuid(), LayoutContent.withDefault(draft, isDefault), clock.instant(), clock.instant());
                    Mono<Void> previousDefault = isDefault ? clearDefault(author) : Mono.empty();
                    return previousDefault.then(save(author, layout)).then(find(env, layout.id())); // as stored
                });
        return tx.transactional(creation);
    }

    public Mono<Layout> update(RevisionLog.Author author, UUID id, LayoutRequest patch) {
        if (patch.isDefault() != null) {
            throw ApiException.badRequest("isDefault cannot be patched: use POST /v1/layouts/{id}/default");
        }
        UUID env = author.environmentId();
        Mono<Layout> update = find(env, id).flatMap(current -> {
            ObjectNode content = LayoutContent.patched(current.content(), patch);
            return uniqueIdentifier(env, content.get("identifier").asString(), id)
                    .then(Mono.defer(() -> {
                        Layout updated = layout(env, id, content, current.createdAt(), clock.instant());
                        return save(author, updated).then(find(env, id));
                    }));
        });
        return tx.transactional(update);
    }

    public Mono<Layout> makeDefault(RevisionLog.Author author, UUID id) {
        UUID env = author.environmentId();
        Mono<Layout> change = find(env, id).flatMap(layout -> layout.isDefault()
                ? Mono.just(layout)
                : clearDefault(author)
                        .then(save(author, layout(env, id, LayoutContent.withDefault(layout.content(), true), layout.createdAt(), clock.instant())))
                        .then(find(env, id)));
        return tx.transactional(change);
    }

    public Mono<Void> delete(RevisionLog.Author author, UUID id) {
        UUID env = author.environmentId();
        Mono<Void> deletion = find(env, id).flatMap(layout -> workflows.countByLayout(env, id).flatMap(used -> {
            if (used > 0) {
                return Mono.error(ApiException.conflict("layout '" + layout.name() + "' is used by " + used
                        + " workflow step(s); change them first"));
            }
            return layouts.count(env).flatMap(total -> {
                if (layout.isDefault() && total > 1) {
                    return Mono.error(ApiException.conflict("layout '" + layout.name()
                            + "' is the default; make another layout the default first"));
                }
                return revisions.append(author, ContentTypes.LAYOUT, id, layout.name(), layout.content(), true)
                        .then(layouts.delete(env, id));
            });
        }));
        return tx.transactional(deletion);
    }

    /** Writes the row and its revision; an unchanged save writes neither. */
    private Mono<Void> save(RevisionLog.Author author, Layout layout) {
        return revisions.append(author, ContentTypes.LAYOUT, layout.id(), layout.name(), layout.content(), false)
                .flatMap(revision -> layouts.upsert(layout))
                .then();
    }

    private Mono<Void> clearDefault(RevisionLog.Author author) {
        UUID env = author.environmentId();
        return layouts.findDefault(env).flatMap(current ->
                save(author, layout(env, current.id(), LayoutContent.withDefault(current.content(), false), current.createdAt(), clock.instant())));
    }

    private Mono<Void> uniqueIdentifier(UUID env, String identifier, UUID self) {
        return layouts.findByIdentifier(env, identifier)
                .filter(other -> !other.id().equals(self))
                .flatMap(other -> Mono.error(ApiException.conflict("a layout with identifier '" + identifier + "' already exists in this environment")));
    }

    static Layout layout(UUID env, UUID id, ObjectNode content, Instant createdAt, Instant updatedAt) {
        return new Layout(env, id, content.get("name").asString(), content.get("identifier").asString(),
                content.get("isDefault").asBoolean(), content, createdAt, updatedAt);
    }
}
