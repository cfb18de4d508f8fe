package io.tidings.template.group;

import io.tidings.platform.content.ContentTypes;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.Ids;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.template.content.ContentLimits;
import io.tidings.template.content.Documents;
import io.tidings.template.workflow.WorkflowRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/notification-groups}: groups of workflows, per environment. */
@Configuration
class GroupRoutes {

    private final GroupRepository groups;
    private final GeneralGroup general;
    private final WorkflowRepository workflows;
    private final RevisionLog revisions;
    private final TransactionalOperator tx;
    private final Clock clock;

    GroupRoutes(GroupRepository groups, GeneralGroup general, WorkflowRepository workflows, RevisionLog revisions,
                TransactionalOperator tx, Clock clock) {
        this.groups = groups;
        this.general = general;
        this.workflows = workflows;
        this.revisions = revisions;
        this.tx = tx;
        this.clock = clock;
    }

    @Bean
    RouterFunction<ServerResponse> groupRouter() {
        return route()
                .GET("/v1/notification-groups", this::list)
                .POST("/v1/notification-groups", this::create)
                .GET("/v1/notification-groups/{id}", this::get)
                .PATCH("/v1/notification-groups/{id}", this::rename)
                .DELETE("/v1/notification-groups/{id}", this::delete)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        String query = request.queryParam("query").filter(q -> !q.isBlank()).orElse(null);
        UUID env = context.environmentId();
        return tx.transactional(general.ensure(RevisionLog.Author.of(context)))
                .then(groups.page(env, query, page).map(GroupRoutes::view).collectList())
                .zipWith(groups.count(env, query))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        UUID id = pathId(request);
        return tx.transactional(general.ensure(RevisionLog.Author.of(context)))
                .then(found(context.environmentId(), id))
                .flatMap(group -> ServerResponse.ok().bodyValue(DataEnvelope.of(view(group))));
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        EnvironmentContext context = writable(request);
        RevisionLog.Author author = RevisionLog.Author.of(context);
        return Bodies.required(request, GroupRequest.class).flatMap(body -> {
            String name = ContentLimits.requiredText("name", body.name(), ContentLimits.NAME);
            NotificationGroup group = new NotificationGroup(context.environmentId(), Ids.uuid(), name, clock.instant(), clock.instant());
            Mono<NotificationGroup> creation = general.ensure(author)
                    .then(unusedName(context.environmentId(), name, null))
                    .then(groups.insertIfAbsent(group))
                    .flatMap(inserted -> inserted ? Mono.just(group) : Mono.error(duplicate(name)))
                    .flatMap(g -> revisions.append(author, ContentTypes.NOTIFICATION_GROUP, g.id(), name, GroupContent.of(name), false)
                            .then(found(context.environmentId(), g.id()))); // as stored: times at the database's precision
            return tx.transactional(creation);
        }).flatMap(group -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(view(group))));
    }

    private Mono<ServerResponse> rename(ServerRequest request) {
        EnvironmentContext context = writable(request);
        RevisionLog.Author author = RevisionLog.Author.of(context);
        UUID id = pathId(request);
        return Bodies.required(request, GroupRequest.class).flatMap(body -> {
            String name = ContentLimits.requiredText("name", body.name(), ContentLimits.NAME);
            Mono<NotificationGroup> renaming = found(context.environmentId(), id)
                    .flatMap(existing -> unusedName(context.environmentId(), name, id)
                            .then(revisions.append(author, ContentTypes.NOTIFICATION_GROUP, id, name, GroupContent.of(name), false)
                                    .flatMap(revision -> groups.rename(context.environmentId(), id, name, clock.instant()))
                                    .then(found(context.environmentId(), id))));
            return tx.transactional(renaming);
        }).flatMap(group -> ServerResponse.ok().bodyValue(DataEnvelope.of(view(group))));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        EnvironmentContext context = writable(request);
        RevisionLog.Author author = RevisionLog.Author.of(context);
        UUID id = pathId(request);
        UUID env = context.environmentId();
        Mono<NotificationGroup> deletion = found(env, id)
                .flatMap(group -> workflows.countByGroup(env, id).flatMap(used -> {
                    if (used > 0) {
                        return Mono.error(ApiException.conflict("group '" + group.name() + "' is used by " + used
                                + " workflow(s); move them to another group first"));
                    }
                    return revisions.append(author, ContentTypes.NOTIFICATION_GROUP, id, group.name(), GroupContent.of(group.name()), true)
                            .then(groups.delete(env, id))
                            .thenReturn(group);
                }));
        return tx.transactional(deletion)
                .flatMap(group -> ServerResponse.ok().bodyValue(DataEnvelope.of(java.util.Map.of("acknowledged", true, "status", "deleted"))));
    }

    private EnvironmentContext writable(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        Contexts.requireWritableContent(context);
        return context;
    }

    private Mono<NotificationGroup> found(UUID env, UUID id) {
        return groups.find(env, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("notification group " + id + " not found")));
    }

    private Mono<Void> unusedName(UUID env, String name, UUID self) {
        return groups.findByName(env, name)
                .filter(other -> !other.id().equals(self))
                .flatMap(other -> Mono.<Void>error(duplicate(name)));
    }

    private static ApiException duplicate(String name) {
        return ApiException.conflict("a notification group named '" + name + "' already exists in this environment");
    }

    private static UUID pathId(ServerRequest request) {
        return io.tidings.template.content.Ids.pathId("notification group", request.pathVariable("id"));
    }

    static ObjectNode view(NotificationGroup group) {
        return Documents.view(group.id(), group.environmentId(), GroupContent.of(group.name()), group.createdAt(), group.updatedAt());
    }
}
