package io.tidings.template.workflow;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import io.tidings.template.group.GeneralGroup;
import io.tidings.template.group.GroupRepository;
import io.tidings.template.layout.LayoutRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Workflow writes. Each validates what the workflow references in this same environment, then
 * writes the row and its revision in one transaction; a save that changes nothing writes nothing.
 */
@Service
public class WorkflowService {

    private final WorkflowRepository workflows;
    private final GroupRepository groups;
    private final GeneralGroup general;
    private final LayoutRepository layouts;
    private final RevisionLog revisions;
    private final TransactionalOperator tx;
    private final Clock clock;

    public WorkflowService(WorkflowRepository workflows, GroupRepository groups, GeneralGroup general, LayoutRepository layouts,
                           RevisionLog revisions, TransactionalOperator tx, Clock clock) {
        this.workflows = workflows;
        this.groups = groups;
        this.general = general;
        this.layouts = layouts;
        this.revisions = revisions;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<Workflow> find(UUID env, UUID id) {
        return workflows.find(env, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("workflow " + id + " not found")));
    }

    public Mono<Workflow> create(RevisionLog.Author author, WorkflowRequest request) {
        ObjectNode content = WorkflowContent.of(request, null, GeneralGroup.keyFor(author.organizationId()));
        Workflow workflow = new Workflow(author.environmentId(), Ids.uuid(), content, clock.instant(), clock.instant());
        Mono<Workflow> creation = general.ensure(author)
                .then(checkReferences(author.environmentId(), workflow))
                .then(save(author, workflow))
                .then(find(author.environmentId(), workflow.id())); // as stored: times at the database's precision
        return tx.transactional(creation);
    }

    public Mono<Workflow> update(RevisionLog.Author author, UUID id, WorkflowRequest request) {
        UUID env = author.environmentId();
        Mono<Workflow> update = find(env, id).flatMap(current -> {
            ObjectNode content = WorkflowContent.of(request, current.content(), GeneralGroup.keyFor(author.organizationId()));
            Workflow updated = new Workflow(env, id, content, current.createdAt(), clock.instant());
            return checkReferences(env, updated).then(save(author, updated)).then(find(env, id));
        });
        return tx.transactional(update);
    }

    public Mono<Workflow> setActive(RevisionLog.Author author, UUID id, boolean active) {
        UUID env = author.environmentId();
        Mono<Workflow> change = find(env, id).flatMap(current -> {
            ObjectNode content = current.content().deepCopy().put("active", active);
            return save(author, new Workflow(env, id, content, current.createdAt(), clock.instant())).then(find(env, id));
        });
        return tx.transactional(change);
    }

    public Mono<Void> delete(RevisionLog.Author author, UUID id) {
        UUID env = author.environmentId();
        Mono<Void> deletion = find(env, id).flatMap(current ->
                revisions.append(author, ContentTypes.WORKFLOW, id, current.name(), current.content(), true)
                        .then(workflows.delete(env, id)));
        return tx.transactional(deletion);
    }

    private Mono<Void> save(RevisionLog.Author author, Workflow workflow) {
        return revisions.append(author, ContentTypes.WORKFLOW, workflow.id(), workflow.name(), workflow.content(), false)
                .flatMap(revision -> workflows.upsert(workflow))
                .then();
    }

    /** The identifier is free, and the group and layouts exist in this environment (ids of other environments do not). */
    private Mono<Void> checkReferences(UUID env, Workflow workflow) {
        UUID groupId = WorkflowContent.groupId(workflow.content());
        Set<UUID> layoutIds = WorkflowContent.layoutIds(workflow.content());
        Mono<Void> identifier = workflows.findByIdentifier(env, workflow.identifier())
                .filter(other -> !other.id().equals(workflow.id()))
                .flatMap(other -> Mono.error(ApiException.conflict("a workflow with identifier '" + workflow.identifier()
                        + "' already exists in this environment")));
        Mono<Void> group = groups.find(env, groupId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("notification group " + groupId + " not found in this environment")))
                .then();
        Mono<Void> layout = layoutIds.isEmpty() ? Mono.empty() : layouts.countExisting(env, layoutIds)
                .flatMap(found -> found == layoutIds.size() ? Mono.empty()
                        : Mono.error(ApiException.notFound("layout(s) " + layoutIds + " not all found in this environment")));
        return identifier.then(group).then(layout);
    }
}
