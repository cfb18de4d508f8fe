package io.tidings.subscriber.trigger;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/events/trigger} and {@code /v1/events/trigger/bulk}. */
@Configuration
class TriggerRoutes {

    private final TriggerService triggers;

    TriggerRoutes(TriggerService triggers) {
        this.triggers = triggers;
    }

    @Bean
    RouterFunction<ServerResponse> triggerRouter() {
        return route()
                .POST("/v1/events/trigger", this::trigger)
                .POST("/v1/events/trigger/bulk", this::bulk)
                .build();
    }

    private Mono<ServerResponse> trigger(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, TriggerRequest.class)
                .flatMap(body -> triggers.trigger(context.environmentId(), body))
                .flatMap(ack -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(ack)));
    }

    private Mono<ServerResponse> bulk(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, BulkTriggerRequest.class)
                .flatMap(body -> triggers.bulk(context.environmentId(), body))
                .flatMap(acks -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(acks)));
    }
}
