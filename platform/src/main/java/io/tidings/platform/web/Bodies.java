package io.tidings.platform.web;

import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** Reads a required JSON body: an empty body is a 400, not a silent null. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> Mono<T> required(ServerRequest request, Class<T> type) {
        return request.bodyToMono(type)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("request body is required")));
    }

    /** An optional body: absent means the given default. */
    public static <T> Mono<T> optional(ServerRequest request, Class<T> type, T fallback) {
        return request.bodyToMono(type).defaultIfEmpty(fallback);
    }
}
