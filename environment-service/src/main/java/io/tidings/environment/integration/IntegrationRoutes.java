package io.tidings.environment.integration;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * {@code /v1/integrations}: the calling environment's provider integrations, writable in every
 * environment (never promoted). {@code /internal/integrations/active}: the same, with plaintext
 * credentials, for subscriber-service only.
 */
@Configuration
class IntegrationRoutes {

    static final String INTERNAL_ACTIVE = "/internal/integrations/active";

    private final IntegrationRepository integrations;
    private final IntegrationService service;

    IntegrationRoutes(IntegrationRepository integrations, IntegrationService service) {
        this.integrations = integrations;
        this.service = service;
    }

    @Bean
    RouterFunction<ServerResponse> integrationRouter() {
        return route()
                .GET("/v1/integrations", this::list)
                .POST("/v1/integrations", this::create)
                .GET("/v1/integrations/active", this::active)
                .PUT("/v1/integrations/{id}", this::update)
                .DELETE("/v1/integrations/{id}", this::delete)
                .GET(INTERNAL_ACTIVE, this::internalActive)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        return integrations.page(context.environmentId(), page).map(IntegrationView::of).collectList()
                .zipWith(integrations.count(context.environmentId()))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, IntegrationRequest.class)
                .flatMap(body -> service.create(context.environmentId(), body))
                .flatMap(created -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(IntegrationView.of(created))));
    }

    private Mono<ServerResponse> active(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        String channel = request.queryParam("channel").map(Providers::channel).orElse(null);
        return integrations.active(context.environmentId(), channel).map(IntegrationView::of).collectList()
                .flatMap(all -> ServerResponse.ok().bodyValue(DataEnvelope.of(all)));
    }

    private Mono<ServerResponse> update(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        UUID id = id(request);
        return Bodies.required(request, IntegrationRequest.class)
                .flatMap(body -> service.update(context.environmentId(), id, body))
                .flatMap(updated -> ServerResponse.ok().bodyValue(DataEnvelope.of(IntegrationView.of(updated))));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return service.delete(context.environmentId(), id(request))
                .then(ServerResponse.ok().bodyValue(DataEnvelope.of(Map.of("acknowledged", true, "status", "deleted"))));
    }

    private Mono<ServerResponse> internalActive(ServerRequest request) {
        Contexts.service(request);
        String environment = request.queryParam("environmentId")
                .orElseThrow(() -> ApiException.badRequest("query parameter environmentId is required"));
        UUID env;
        try {
            env = UUID.fromString(environment.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("environmentId is not a valid id: " + environment);
        }
        String channel = request.queryParam("channel").map(Providers::channel).orElse(null);
        return integrations.active(env, channel).map(ActiveIntegration::of).collectList()
                .flatMap(all -> ServerResponse.ok().bodyValue(DataEnvelope.of(all)));
    }

    private static UUID id(ServerRequest request) {
        String value = request.pathVariable("id");
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("integration " + value + " not found");
        }
    }
}
