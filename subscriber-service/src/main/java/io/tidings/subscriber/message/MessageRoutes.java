package io.tidings.subscriber.message;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.subscriber.common.Limits;
import io.tidings.subscriber.subscriber.SubscriberService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/messages} and a subscriber's in-app feed, for server clients (API key). */
@Configuration
class MessageRoutes {

    private final MessageRepository messages;
    private final SubscriberService subscribers;

    MessageRoutes(MessageRepository messages, SubscriberService subscribers) {
        this.messages = messages;
        this.subscribers = subscribers;
    }

    @Bean
    RouterFunction<ServerResponse> messageRouter() {
        return route()
                .GET("/v1/messages", this::list)
                .DELETE("/v1/messages/{id}", this::delete)
                .GET("/v1/subscribers/{subscriberId}/notifications/feed", this::feed)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        String channel = request.queryParam("channel").filter(c -> !c.isBlank()).orElse(null);
        String subscriberId = request.queryParam("subscriberId").filter(s -> !s.isBlank()).orElse(null);
        UUID env = context.environmentId();
        return messages.page(env, channel, subscriberId, page).map(Message::view).collectList()
                .zipWith(messages.count(env, channel, subscriberId))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        UUID id = Limits.pathId("message", request.pathVariable("id"));
        return messages.delete(context.environmentId(), id)
                .flatMap(deleted -> deleted == 0
                        ? Mono.error(ApiException.notFound("message " + id + " not found"))
                        : ServerResponse.ok().bodyValue(DataEnvelope.of(Map.of("acknowledged", true, "status", "deleted"))));
    }

    private Mono<ServerResponse> feed(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        UUID env = context.environmentId();
        String subscriberId = request.pathVariable("subscriberId");
        return subscribers.find(env, subscriberId)
                .then(messages.page(env, MessageRepository.IN_APP, subscriberId, page).map(Message::view).collectList())
                .zipWith(messages.count(env, MessageRepository.IN_APP, subscriberId))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }
}
