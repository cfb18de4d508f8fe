package io.tidings.subscriber.subscriber;

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

/** {@code /v1/subscribers}: recipients, per environment. The feed route lives in the message package. */
@Configuration
class SubscriberRoutes {

    private final SubscriberRepository subscribers;
    private final SubscriberService service;

    SubscriberRoutes(SubscriberRepository subscribers, SubscriberService service) {
        this.subscribers = subscribers;
        this.service = service;
    }

    @Bean
    RouterFunction<ServerResponse> subscriberRouter() {
        return route()
                .POST("/v1/subscribers", this::identify)
                .GET("/v1/subscribers", this::list)
                .GET("/v1/subscribers/{subscriberId}", this::get)
                .PUT("/v1/subscribers/{subscriberId}", this::update)
                .DELETE("/v1/subscribers/{subscriberId}", this::delete)
                .build();
    }

    /** Novu's identify: 201 when the subscriber is new, 200 when an existing one was updated. */
    private Mono<ServerResponse> identify(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, SubscriberRequest.class)
                .map(body -> SubscriberProfile.validate("", body))
                .flatMap(profile -> service.identify(context.environmentId(), profile))
                .flatMap(result -> ServerResponse.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .bodyValue(DataEnvelope.of(result.subscriber().view())));
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        UUID env = context.environmentId();
        return subscribers.page(env, page).map(Subscriber::view).collectList()
                .zipWith(subscribers.count(env))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return service.find(context.environmentId(), request.pathVariable("subscriberId"))
                .flatMap(subscriber -> ServerResponse.ok().bodyValue(DataEnvelope.of(subscriber.view())));
    }

    /** Updates the given fields of an existing subscriber; 404 when there is none. */
    private Mono<ServerResponse> update(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        String subscriberId = request.pathVariable("subscriberId");
        UUID env = context.environmentId();
        return Bodies.required(request, SubscriberRequest.class)
                .map(body -> {
                    if (body.subscriberId() != null && !body.subscriberId().strip().equals(subscriberId)) {
                        throw ApiException.badRequest("subscriberId in the body differs from the one in the path; it cannot be changed");
                    }
                    return SubscriberProfile.validate("", body.withSubscriberId(subscriberId));
                })
                .flatMap(profile -> service.find(env, subscriberId).then(service.identify(env, profile)))
                .flatMap(result -> ServerResponse.ok().bodyValue(DataEnvelope.of(result.subscriber().view())));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        String subscriberId = request.pathVariable("subscriberId");
        return subscribers.delete(context.environmentId(), subscriberId)
                .flatMap(deleted -> deleted == 0
                        ? Mono.error(ApiException.notFound("subscriber '" + subscriberId + "' not found"))
                        : ServerResponse.ok().bodyValue(DataEnvelope.of(Map.of("acknowledged", true, "status", "deleted"))));
    }
}
