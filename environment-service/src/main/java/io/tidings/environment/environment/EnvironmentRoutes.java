package io.tidings.environment.environment;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.List;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** The calling organization's environments, seen through one of its secret keys. */
@Configuration
class EnvironmentRoutes {

    private final EnvironmentRepository environments;
    private final EnvironmentInsertion insertion;

    EnvironmentRoutes(EnvironmentRepository environments, EnvironmentInsertion insertion) {
        this.environments = environments;
        this.insertion = insertion;
    }

    @Bean
    RouterFunction<ServerResponse> environmentRouter() {
        return route()
                .GET("/v1/environments/me", this::me)
                .GET("/v1/environments", this::list)
                .POST("/v1/environments", this::create)
                .build();
    }

    private Mono<ServerResponse> me(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return views(context)
                .map(all -> all.stream().filter(v -> v.id().equals(context.environmentId())).findFirst()
                        .orElseThrow(() -> ApiException.notFound("environment not found")))
                .flatMap(view -> ServerResponse.ok().bodyValue(DataEnvelope.of(view)));
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return views(context).flatMap(all -> ServerResponse.ok().bodyValue(DataEnvelope.of(all)));
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, CreateEnvironmentRequest.class)
                .flatMap(body -> insertion.insert(context.organizationId(), body))
                .flatMap(view -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(view)));
    }

    /** Every environment of the caller's organization, each with its target, in chain order. */
    private Mono<List<EnvironmentView>> views(EnvironmentContext context) {
        return environments.findByOrganization(context.organizationId()).collectList().map(all -> {
            EnvironmentChain chain = new EnvironmentChain(all);
            return chain.inOrder().stream()
                    .map(e -> EnvironmentView.of(e, chain.targetOf(e.id()).map(Environment::id).orElse(null)))
                    .toList();
        });
    }
}
