package io.tidings.environment.apikey;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/environments/api-keys}: the calling environment's keys. */
@Configuration
class ApiKeyRoutes {

    private final ApiKeyRepository keys;
    private final ApiKeyRotation rotation;
    private final Clock clock;

    ApiKeyRoutes(ApiKeyRepository keys, ApiKeyRotation rotation, Clock clock) {
        this.keys = keys;
        this.rotation = rotation;
        this.clock = clock;
    }

    @Bean
    RouterFunction<ServerResponse> apiKeyRouter() {
        return route()
                .GET("/v1/environments/api-keys", this::list)
                .POST("/v1/environments/api-keys/regenerate", this::regenerate)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return keys.findLive(context.environmentId(), clock.instant())
                .map(ApiKeyView::of)
                .collectList()
                .flatMap(views -> ServerResponse.ok().bodyValue(DataEnvelope.of(views)));
    }

    private Mono<ServerResponse> regenerate(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.optional(request, RegenerateRequest.class, RegenerateRequest.REVOKE_AT_ONCE)
                .flatMap(body -> rotation.rotate(context.environmentId(), body))
                .flatMap(issued -> ServerResponse.status(201).bodyValue(DataEnvelope.of(List.of(ApiKeyView.issued(issued)))));
    }
}
