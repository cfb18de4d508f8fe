package io.tidings.promotion.promotion;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.promotion.PromotionSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Promote, roll back, discard, and the history. Starting a saga answers 202 with the saga as it
 * is then (running); {@code GET /v1/promotions/{id}} follows it to completed or failed.
 */
@Configuration
class PromotionRoutes {

    private final Promotions promotions;
    private final PromotionHistory history;
    private final int maxChangeIds;

    PromotionRoutes(Promotions promotions, PromotionHistory history, PromotionSettings settings) {
        this.promotions = promotions;
        this.history = history;
        this.maxChangeIds = settings.maxChangeIds();
    }

    @Bean
    RouterFunction<ServerResponse> promotionRouter() {
        return route()
                .POST("/v1/promotions", this::promote)
                .GET("/v1/promotions", this::list)
                .GET("/v1/promotions/{id}", this::get)
                .GET("/v1/promotions/{id}/items", this::items)
                .POST("/v1/promotions/{id}/rollback", this::rollback)
                // before /{id}/apply, which "bulk" would match too
                .POST("/v1/changes/bulk/apply", this::bulkApply)
                .POST("/v1/changes/{id}/apply", this::apply)
                .DELETE("/v1/changes/{id}", this::discard)
                .build();
    }

    private Mono<ServerResponse> promote(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, PromotionRequests.Promote.class)
                .flatMap(body -> {
                    List<UUID> selection = PromotionRequests.selection(body, maxChangeIds);
                    boolean strict = Boolean.TRUE.equals(body.strictDependencies());
                    if (Boolean.TRUE.equals(body.dryRun())) {
                        return promotions.plan(context, selection, strict)
                                .flatMap(plan -> ServerResponse.ok().bodyValue(DataEnvelope.of(plan.dryRun())));
                    }
                    return promotions.promote(context, selection, strict).flatMap(PromotionRoutes::accepted);
                });
    }

    private Mono<ServerResponse> apply(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        UUID changeId = pathId(request, "change");
        return Bodies.optional(request, PromotionRequests.Apply.class, new PromotionRequests.Apply(false))
                .flatMap(body -> promotions.promote(context, List.of(changeId), Boolean.TRUE.equals(body.strictDependencies())))
                .flatMap(PromotionRoutes::accepted);
    }

    private Mono<ServerResponse> bulkApply(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, PromotionRequests.BulkApply.class)
                .flatMap(body -> promotions.promote(context, PromotionRequests.changeIds(body.changeIds(), maxChangeIds),
                        Boolean.TRUE.equals(body.strictDependencies())))
                .flatMap(PromotionRoutes::accepted);
    }

    private Mono<ServerResponse> discard(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        // the source must be writable: discarding writes it, and only promotion writes a read-only one
        Contexts.requireWritableContent(context);
        UUID changeId = pathId(request, "change");
        return promotions.discard(context, changeId).flatMap(PromotionRoutes::accepted);
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        return history.page(context.organizationId(), context.environmentId(), page.offset(), page.limit()).collectList()
                .zipWith(history.count(context.organizationId(), context.environmentId()))
                .flatMap(both -> ServerResponse.ok().bodyValue(PageEnvelope.of(both.getT1(), page, both.getT2())));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return promotions.find(context, pathId(request, "promotion"))
                .flatMap(view -> ServerResponse.ok().bodyValue(DataEnvelope.of(view)));
    }

    private Mono<ServerResponse> items(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        UUID promotionId = pathId(request, "promotion");
        PageRequest page = PageRequest.from(request);
        return promotions.visible(context, promotionId)
                .flatMap(view -> history.items(promotionId, page.offset(), page.limit()).collectList()
                        .map(items -> PageEnvelope.of(items, page, view.itemCount())))
                .flatMap(body -> ServerResponse.ok().bodyValue(body));
    }

    private Mono<ServerResponse> rollback(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return promotions.rollback(context, pathId(request, "promotion")).flatMap(PromotionRoutes::accepted);
    }

    private static Mono<ServerResponse> accepted(PromotionView view) {
        return ServerResponse.status(HttpStatus.ACCEPTED)
                .location(URI.create("/v1/promotions/" + view.id()))
                .bodyValue(DataEnvelope.of(view));
    }

    /** An id that is not a UUID names nothing that exists: 404, like any unknown id. */
    private static UUID pathId(ServerRequest request, String what) {
        String value = request.pathVariable("id");
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no " + what + " " + value + " in this environment");
        }
    }
}
