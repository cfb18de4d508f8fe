package io.tidings.environment.credential;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.InternalRoutes;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.DataEnvelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The gateway's credential lookup. Internal: it answers only a SERVICE context, and the gateway
 * has no route to it.
 */
@Configuration
class CredentialRoutes {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CredentialLookup lookup;

    CredentialRoutes(CredentialLookup lookup) {
        this.lookup = lookup;
    }

    @Bean
    RouterFunction<ServerResponse> credentialRouter() {
        return route()
                .GET(InternalRoutes.API_KEY_LOOKUP + "{hash}", this::byKeyHash)
                .GET(InternalRoutes.APPLICATION_LOOKUP + "{identifier}", this::byApplicationIdentifier)
                .build();
    }

    private Mono<ServerResponse> byKeyHash(ServerRequest request) {
        Contexts.service(request);
        String hash = request.pathVariable("hash");
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw ApiException.badRequest("key hash must be 64 lowercase hex characters");
        }
        return lookup.byKeyHash(hash)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("no live key with this hash")))
                .flatMap(credential -> ServerResponse.ok().bodyValue(DataEnvelope.of(credential)));
    }

    private Mono<ServerResponse> byApplicationIdentifier(ServerRequest request) {
        Contexts.service(request);
        String identifier = request.pathVariable("identifier");
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw ApiException.badRequest("application identifier is malformed");
        }
        return lookup.byApplicationIdentifier(identifier)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("no environment with this application identifier")))
                .flatMap(credential -> ServerResponse.ok().bodyValue(DataEnvelope.of(credential)));
    }
}
