package io.tidings.template.workflow;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.template.content.Documents;
import io.tidings.template.content.Ids;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/notification-templates} (the gateway also serves it as {@code /v1/workflows}). */
@Configuration
class WorkflowRoutes {

    private static final String BASE = "/v1/notification-templates";

    private final WorkflowRepository workflows;
    private final WorkflowService service;

    WorkflowRoutes(WorkflowRepository workflows, WorkflowService service) {
        this.workflows = workflows;
        this.service = service;
    }

    @Bean
    RouterFunction<ServerResponse> workflowRouter() {
        return route()
                .GET(BASE, this::list)
                .POST(BASE, this::create)
                .GET(BASE + "/{id}", this::get)
                .PUT(BASE + "/{id}", this::update)
                .DELETE(BASE + "/{id}", this::delete)
                .PUT(BASE + "/{id}/status", this::status)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        String query = request.queryParam("query").filter(q -> !q.isBlank()).orElse(null);
        return workflows.page(context.environmentId(), query, page).map(WorkflowRoutes::view).collectList()
                .zipWith(workflows.count(context.environmentId(), query))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return service.find(context.environmentId(), id(request)).flatMap(this::ok);
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        return Bodies.required(request, WorkflowRequest.class)
                .flatMap(body -> service.create(author, body))
                .flatMap(workflow -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(view(workflow))));
    }

    private Mono<ServerResponse> update(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        UUID id = id(request);
        return Bodies.required(request, WorkflowRequest.class).flatMap(body -> service.update(author, id, body)).flatMap(this::ok);
    }

    private Mono<ServerResponse> status(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        UUID id = id(request);
        return Bodies.required(request, StatusRequest.class).flatMap(body -> {
            if (body.active() == null) {
                return Mono.error(ApiException.badRequest("active is required: true or false"));
            }
            return service.setActive(author, id, body.active());
        }).flatMap(this::ok);
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        return service.delete(author, id(request))
                .then(ServerResponse.ok().bodyValue(DataEnvelope.of(Map.of("acknowledged", true, "status", "deleted"))));
    }

    private Mono<ServerResponse> ok(Workflow workflow) {
        return ServerResponse.ok().bodyValue(DataEnvelope.of(view(workflow)));
    }

    private static RevisionLog.Author writer(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        Contexts.requireWritableContent(context);
        return RevisionLog.Author.of(context);
    }

    private static UUID id(ServerRequest request) {
        return Ids.pathId("workflow", request.pathVariable("id"));
    }

    /** Novu's shape: the content, its trigger with the variables the steps use, and the group as _notificationGroupId. */
    static ObjectNode view(Workflow workflow) {
        ObjectNode view = Documents.view(workflow.id(), workflow.environmentId(), workflow.content(), workflow.createdAt(), workflow.updatedAt());
        view.put("_notificationGroupId", workflow.content().get("notificationGroupId").asString());
        ArrayNode variables = Documents.JSON.createArrayNode();
        WorkflowContent.variables(workflow.content()).forEach(name -> variables.addObject().put("name", name));
        ObjectNode trigger = view.putArray("triggers").addObject();
        trigger.put("type", "event");
        trigger.put("identifier", workflow.identifier());
        trigger.set("variables", variables);
        view.set("variables", variables.deepCopy());
        return view;
    }
}
