package io.tidings.template.layout;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.template.content.Documents;
import io.tidings.template.content.Ids;
import io.tidings.template.content.TemplateSyntax;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/layouts}: email layouts, per environment. */
@Configuration
class LayoutRoutes {

    private final LayoutRepository layouts;
    private final LayoutService service;

    LayoutRoutes(LayoutRepository layouts, LayoutService service) {
        this.layouts = layouts;
        this.service = service;
    }

    @Bean
    RouterFunction<ServerResponse> layoutRouter() {
        return route()
                .GET("/v1/layouts", this::list)
                .POST("/v1/layouts", this::create)
                .GET("/v1/layouts/{id}", this::get)
                .PATCH("/v1/layouts/{id}", this::update)
                .DELETE("/v1/layouts/{id}", this::delete)
                .POST("/v1/layouts/{id}/default", this::makeDefault)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        String query = request.queryParam("query").filter(q -> !q.isBlank()).orElse(null);
        return layouts.page(context.environmentId(), query, page).map(LayoutRoutes::view).collectList()
                .zipWith(layouts.count(context.environmentId(), query))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return service.find(context.environmentId(), id(request)).flatMap(this::ok);
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        return Bodies.required(request, LayoutRequest.class)
                .flatMap(body -> service.create(author, body))
                .flatMap(layout -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(view(layout))));
    }

    private Mono<ServerResponse> update(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        UUID id = id(request);
        return Bodies.required(request, LayoutRequest.class).flatMap(body -> service.update(author, id, body)).flatMap(this::ok);
    }

    private Mono<ServerResponse> makeDefault(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        return service.makeDefault(author, id(request)).flatMap(this::ok);
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        return service.delete(author, id(request))
                .then(ServerResponse.ok().bodyValue(DataEnvelope.of(Map.of("acknowledged", true, "status", "deleted"))));
    }

    private Mono<ServerResponse> ok(Layout layout) {
        return ServerResponse.ok().bodyValue(DataEnvelope.of(view(layout)));
    }

    private static RevisionLog.Author writer(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        Contexts.requireWritableContent(context);
        return RevisionLog.Author.of(context);
    }

    private static UUID id(ServerRequest request) {
        return Ids.pathId("layout", request.pathVariable("id"));
    }

    static ObjectNode view(Layout layout) {
        ObjectNode view = Documents.view(layout.id(), layout.environmentId(), layout.content(), layout.createdAt(), layout.updatedAt());
        var variables = view.putArray("variables");
        TemplateSyntax.variables("content", layout.content().get("content").asString()).stream()
                .filter(name -> !name.equals("body"))
                .forEach(name -> variables.addObject().put("name", name));
        return view;
    }
}
