package io.tidings.subscriber.feed;

import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.subscriber.common.Limits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.Map;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/feeds}: in-app feeds, promotable content, read-only where the environment has a source. */
@Configuration
class FeedRoutes {

    private final FeedRepository feeds;
    private final FeedService service;

    FeedRoutes(FeedRepository feeds, FeedService service) {
        this.feeds = feeds;
        this.service = service;
    }

    @Bean
    RouterFunction<ServerResponse> feedRouter() {
        return route()
                .GET("/v1/feeds", this::list)
                .POST("/v1/feeds", this::create)
                .DELETE("/v1/feeds/{id}", this::delete)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return feeds.all(context.environmentId()).map(Feed::view).collectList()
                .flatMap(list -> ServerResponse.ok().bodyValue(DataEnvelope.of(list)));
    }

    /** 201 with the new feed; 200 with the existing one when the same feed is saved again (no new revision). */
    private Mono<ServerResponse> create(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        return Bodies.required(request, FeedRequest.class)
                .flatMap(body -> service.create(author, body))
                .flatMap(saved -> ServerResponse.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .bodyValue(DataEnvelope.of(saved.feed().view())));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        RevisionLog.Author author = writer(request);
        return service.delete(author, Limits.pathId("feed", request.pathVariable("id")))
                .then(ServerResponse.ok().bodyValue(DataEnvelope.of(Map.of("acknowledged", true, "status", "deleted"))));
    }

    private static RevisionLog.Author writer(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        Contexts.requireWritableContent(context);
        return RevisionLog.Author.of(context);
    }
}
