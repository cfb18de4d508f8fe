package io.tidings.promotion.change;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.promotion.environment.EnvironmentChainRepository;
import io.tidings.promotion.promotion.PromotionHistory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * {@code /v1/changes}: what the key's environment (the source) holds that its target does not.
 * The target comes from the environment chain this service keeps, or from the request context
 * while the chain has not heard of the environment yet.
 */
@Configuration
class ChangeRoutes {

    private final ChangeRepository changes;
    private final EnvironmentChainRepository chain;
    private final PromotionHistory history;

    ChangeRoutes(ChangeRepository changes, EnvironmentChainRepository chain, PromotionHistory history) {
        this.changes = changes;
        this.chain = chain;
        this.history = history;
    }

    @Bean
    RouterFunction<ServerResponse> changeRouter() {
        return route()
                .GET("/v1/changes", this::list)
                .GET("/v1/changes/count", this::count)
                .GET("/v1/changes/{id}/diff", this::diff)
                .build();
    }

    /**
     * Pending changes ({@code promoted=false}, the default), or with {@code promoted=true} the
     * changes completed promotions carried from this environment, newest first.
     */
    private Mono<ServerResponse> list(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        boolean promoted = promoted(request);
        if (promoted) {
            return history.promoted(context.organizationId(), context.environmentId(), page.offset(), page.limit()).collectList()
                    .zipWith(history.promotedCount(context.organizationId(), context.environmentId()))
                    .flatMap(both -> ServerResponse.ok().bodyValue(PageEnvelope.of(both.getT1(), page, both.getT2())));
        }
        Mono<PageEnvelope<PendingChange>> envelope = target(context).flatMap(target -> changes.pending(context.environmentId(), target, page.offset(), page.limit())
                        .collectList()
                        .zipWith(changes.count(context.environmentId(), target))
                        .map(both -> PageEnvelope.of(both.getT1(), page, both.getT2())))
                .defaultIfEmpty(PageEnvelope.of(List.of(), page, 0));
        return envelope.flatMap(body -> ServerResponse.ok().bodyValue(body));
    }

    private Mono<ServerResponse> count(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return target(context)
                .flatMap(target -> changes.count(context.environmentId(), target))
                .defaultIfEmpty(0L)
                .flatMap(n -> ServerResponse.ok().bodyValue(DataEnvelope.of(n)));
    }

    private Mono<ServerResponse> diff(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        UUID changeId = changeId(request.pathVariable("id"));
        return target(context)
                .flatMap(target -> changes.documents(context.environmentId(), target, changeId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("no pending change " + changeId + " in this environment")))
                .flatMap(documents -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("changeId", documents.changeId());
                    body.put("type", documents.type());
                    body.put("key", documents.key());
                    body.put("source", documents.source());
                    body.put("target", documents.target());
                    body.put("patch", JsonPatchDiff.diff(documents.target(), documents.source()));
                    return ServerResponse.ok().bodyValue(DataEnvelope.of(body));
                });
    }

    /** The environment the context's environment promotes to; empty at the end of the chain. */
    private Mono<UUID> target(EnvironmentContext context) {
        return chain.targetOf(context.organizationId(), context.environmentId())
                .switchIfEmpty(Mono.justOrEmpty(context.targetEnvironmentId()));
    }

    private static boolean promoted(ServerRequest request) {
        String value = request.queryParam("promoted").orElse("false").trim();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.isEmpty()) {
            return false;
        }
        throw ApiException.badRequest("promoted must be true or false, was '" + value + "'");
    }

    private static UUID changeId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no pending change " + value + " in this environment");
        }
    }
}
