package io.tidings.gateway.credential;

import io.tidings.gateway.admin.AdminToken;
import io.tidings.platform.context.ApiKeys;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.ResolvedCredential;
import io.tidings.platform.web.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Turns the client's credential into a signed {@value ContextCodec#HEADER} for every routed
 * request. Runs after the downstream URL is final, so the context is bound to the exact
 * method and path the service will see, and the client's secret never leaves the gateway.
 */
@Component
public class AuthenticationFilter implements GlobalFilter, Ordered {

    /** After {@link RouteToRequestUrlFilter} and the load balancer (10150), before the Netty routing filter. */
    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 200;

    static final String CHALLENGE = "ApiKey";

    private final CredentialCache credentials;
    private final AdminToken adminToken;
    private final ContextCodec codec;
    private final Clock clock;

    public AuthenticationFilter(CredentialCache credentials, AdminToken adminToken, ContextCodec codec, Clock clock) {
        this.credentials = credentials;
        this.adminToken = adminToken;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PresentedCredential presented = PresentedCredential.parse(
                exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (presented instanceof PresentedCredential.ApiKey apiKey) {
            return apiKey(exchange, chain, apiKey.secret());
        }
        if (presented instanceof PresentedCredential.Bearer bearer) {
            return admin(exchange, chain, bearer.token());
        }
        return unauthorized(exchange, ((PresentedCredential.Unusable) presented).reason());
    }

    private Mono<Void> admin(ServerWebExchange exchange, GatewayFilterChain chain, String token) {
        if (!adminToken.configured()) {
            return unauthorized(exchange, "admin token is not configured on this gateway");
        }
        if (!adminToken.matches(token)) {
            return unauthorized(exchange, "bearer token is not valid");
        }
        return forward(exchange, chain, EnvironmentContext.admin());
    }

    private Mono<Void> apiKey(ServerWebExchange exchange, GatewayFilterChain chain, String secret) {
        String hash = ApiKeys.hash(secret);
        // Decide on an Optional, not with switchIfEmpty: a relayed request completes empty too.
        return credentials.apiKey(hash)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> found.isPresent()
                        ? accept(exchange, chain, hash, found.get())
                        : unauthorized(exchange, "API key is not valid"));
    }

    private Mono<Void> accept(ServerWebExchange exchange, GatewayFilterChain chain, String hash,
                              ResolvedCredential credential) {
        if (credential.expiredAt(clock.instant())) {
            credentials.invalidate(hash);
            return unauthorized(exchange, "API key has expired");
        }
        return forward(exchange, chain, credential.toApiKeyContext());
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, EnvironmentContext context) {
        URI downstream = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        String signed = codec.sign(context, exchange.getRequest().getMethod().name(), downstream.getRawPath());
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> {
                    headers.remove(HttpHeaders.AUTHORIZATION);
                    headers.set(ContextCodec.HEADER, signed);
                })
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
