package io.tidings.subscriber.widget;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.subscriber.message.Message;
import io.tidings.subscriber.message.MessageRepository;
import io.tidings.subscriber.subscriber.SubscriberProfile;
import io.tidings.subscriber.subscriber.SubscriberRequest;
import io.tidings.subscriber.subscriber.SubscriberService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The widget side. The gateway opens the session itself and upserts the subscriber through
 * {@code POST /internal/widgets/session}; the other routes take a subscriber token's context and
 * reach only that subscriber's own in-app messages in that environment.
 */
@Configuration
class WidgetRoutes {

    static final int MAX_MARKED = 100;

    private final SubscriberService subscribers;
    private final MessageRepository messages;
    private final TransactionalOperator tx;
    private final Clock clock;

    WidgetRoutes(SubscriberService subscribers, MessageRepository messages, TransactionalOperator tx, Clock clock) {
        this.subscribers = subscribers;
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
    }

    @Bean
    RouterFunction<ServerResponse> widgetRouter() {
        return route()
                .POST("/internal/widgets/session", this::session)
                .GET("/v1/widgets/notifications/feed", this::feed)
                .GET("/v1/widgets/notifications/unseen", this::unseen)
                .POST("/v1/widgets/messages/markAs", this::markAs)
                .build();
    }

    /** Upserts the session's subscriber and answers its profile. */
    private Mono<ServerResponse> session(ServerRequest request) {
        EnvironmentContext context = Contexts.subscriber(request);
        return Bodies.required(request, SubscriberRequest.class)
                .map(body -> {
                    if (body.subscriberId() != null && !body.subscriberId().strip().equals(context.subscriberId())) {
                        throw ApiException.forbidden("subscriberId differs from the session's subscriber");
                    }
                    return SubscriberProfile.validate("", body.withSubscriberId(context.subscriberId()));
                })
                .flatMap(profile -> subscribers.identify(context.environmentId(), profile))
                .flatMap(result -> ServerResponse.ok().bodyValue(DataEnvelope.of(result.subscriber().view())));
    }

    private Mono<ServerResponse> feed(ServerRequest request) {
        EnvironmentContext context = Contexts.subscriber(request);
        PageRequest page = PageRequest.from(request);
        UUID env = context.environmentId();
        return messages.page(env, MessageRepository.IN_APP, context.subscriberId(), page).map(Message::view).collectList()
                .zipWith(messages.count(env, MessageRepository.IN_APP, context.subscriberId()))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> unseen(ServerRequest request) {
        EnvironmentContext context = Contexts.subscriber(request);
        return messages.unseen(context.environmentId(), context.subscriberId())
                .flatMap(count -> ServerResponse.ok().bodyValue(DataEnvelope.of(Map.of("count", count))));
    }

    /** Marks the subscriber's own messages; any id that is not theirs is a 404 and nothing changes. */
    private Mono<ServerResponse> markAs(ServerRequest request) {
        EnvironmentContext context = Contexts.subscriber(request);
        UUID env = context.environmentId();
        String subscriberId = context.subscriberId();
        return Bodies.required(request, MarkAsRequest.class).flatMap(body -> {
            UUID[] ids = ids(body.messageId());
            MarkAsRequest.Mark mark = body.mark();
            if (mark == null || (mark.seen() == null && mark.read() == null)) {
                throw ApiException.badRequest("mark is required: {\"seen\": true|false, \"read\": true|false}");
            }
            // reading a message is seeing it
            Boolean seen = Boolean.TRUE.equals(mark.read()) && mark.seen() == null ? Boolean.TRUE : mark.seen();
            Mono<List<Message>> marking = messages.find(env, subscriberId, ids).collectList().flatMap(own -> {
                if (own.size() != ids.length) {
                    return Mono.error(ApiException.notFound("message not found"));
                }
                return messages.mark(env, subscriberId, ids, seen, mark.read(), clock.instant())
                        .then(messages.find(env, subscriberId, ids).collectList());
            });
            return tx.transactional(marking);
        }).flatMap(marked -> ServerResponse.ok().bodyValue(DataEnvelope.of(marked.stream().map(Message::view).toList())));
    }

    private static UUID[] ids(JsonNode messageId) {
        List<JsonNode> items = new ArrayList<>();
        if (messageId == null || messageId.isNull()) {
            throw ApiException.badRequest("messageId is required: a message id or an array of them");
        }
        if (messageId.isArray()) {
            messageId.forEach(items::add);
        } else {
            items.add(messageId);
        }
        if (items.isEmpty() || items.size() > MAX_MARKED) {
            throw ApiException.badRequest("messageId must hold 1 to " + MAX_MARKED + " ids");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (!item.isString()) {
                throw ApiException.badRequest("messageId must be a string or an array of strings");
            }
            try {
                ids.add(UUID.fromString(item.asString().strip()));
            } catch (IllegalArgumentException e) {
                throw ApiException.notFound("message " + item.asString() + " not found");
            }
        }
        return ids.toArray(UUID[]::new);
    }
}
