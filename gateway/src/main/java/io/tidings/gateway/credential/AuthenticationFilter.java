package io.tidings.gateway.credential;

import io.tidings.gateway.admin.AdminToken;
import io.tidings.gateway.widget.InvalidSubscriberTokenException;
import io.tidings.gateway.widget.SubscriberTokens;
import io.tidings.gateway.widget.WidgetPaths;
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
 * <p>
 * {@code ApiKey <secret>} acts for an environment on every route but the widget ones;
 * {@code Bearer <admin token>} acts as the operator; {@code Bearer <subscriber token>} acts for
 * one subscriber, on the widget routes only.
 */
@Component
public class AuthenticationFilter implements GlobalFilter, Ordered {

    /** After {@link RouteToRequestUrlFilter} and the load balancer (10150), before the Netty routing filter. */
    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 200;

    static final String CHALLENGE = "ApiKey";
    static final String WIDGET_CHALLENGE = "Bearer";
    static final String SUBSCRIBER_TOKEN_OFF_WIDGETS = "a subscriber token reaches only /v1/widgets routes";
    static final String API_KEY_ON_WIDGETS = "widget routes need a subscriber session token";

    private final CredentialCache credentials;
    private final AdminToken adminToken;
    private final SubscriberTokens subscriberTokens;
    private final ContextCodec codec;
    private final Clock clock;

    public AuthenticationFilter(CredentialCache credentials, AdminToken adminToken, SubscriberTokens subscriberTokens,
                                ContextCodec codec, Clock clock) {
        this.credentials = credentials;
        this.adminToken = adminToken;
        this.subscriberTokens = subscriberTokens;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PresentedCredential presented = PresentedCredential.parse(
                exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        boolean widgetRoute = WidgetPaths.isWidgetPath(downstream(exchange).getRawPath());
        if (presented instanceof PresentedCredential.ApiKey apiKey) {
            if (widgetRoute) {
                // checked before any lookup: no secret key acts on a subscriber's own routes
                return Problems.write(exchange, HttpStatus.FORBIDDEN, API_KEY_ON_WIDGETS);
            }
            return apiKey(exchange, chain, apiKey.secret());
        }
        if (presented instanceof PresentedCredential.Bearer bearer) {
            return bearer(exchange, chain, bearer.token(), widgetRoute);
        }
        String reason = ((PresentedCredential.Unusable) presented).reason();
        return unauthorized(exchange, widgetRoute ? widgetReason(reason) : reason, widgetRoute);
    }

    private Mono<Void> bearer(ServerWebExchange exchange, GatewayFilterChain chain, String token, boolean widgetRoute) {
        if (adminToken.matches(token)) {
            return forward(exchange, chain, EnvironmentContext.admin());
        }
        EnvironmentContext subscriber;
        try {
            subscriber = subscriberTokens.verify(token);
        } catch (InvalidSubscriberTokenException e) {
            return unauthorized(exchange, e.getMessage(), widgetRoute);
        }
        if (!widgetRoute) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, SUBSCRIBER_TOKEN_OFF_WIDGETS);
        }
        return forward(exchange, chain, subscriber);
    }

    private Mono<Void> apiKey(ServerWebExchange exchange, GatewayFilterChain chain, String secret) {
        String hash = ApiKeys.hash(secret);
        // Decide on an Optional, not with switchIfEmpty: a relayed request completes empty too.
        return credentials.apiKey(hash)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> found.isPresent()
                        ? accept(exchange, chain, hash, found.get())
                        : unauthorized(exchange, "API key is not valid", false));
    }

    private Mono<Void> accept(ServerWebExchange exchange, GatewayFilterChain chain, String hash,
                              ResolvedCredential credential) {
        if (credential.expiredAt(clock.instant())) {
            credentials.invalidate(hash);
            return unauthorized(exchange, "API key has expired", false);
        }
        return forward(exchange, chain, credential.toApiKeyContext());
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, EnvironmentContext context) {
        String signed = codec.sign(context, exchange.getRequest().getMethod().name(), downstream(exchange).getRawPath());
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> {
                    headers.remove(HttpHeaders.AUTHORIZATION);
                    headers.set(ContextCodec.HEADER, signed);
                })
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** The same reason, but telling a widget client what it should send instead of an API key. */
    private static String widgetReason(String reason) {
        int colon = reason.indexOf(':');
        return (colon < 0 ? reason : reason.substring(0, colon))
                + ": send 'Authorization: Bearer <subscriber token>' from POST " + WidgetPaths.SESSION_INITIALIZE;
    }

    /** The URL the service will see: which route this is, and what the context is bound to. */
    private static URI downstream(ServerWebExchange exchange) {
        return exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail, boolean widgetRoute) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, widgetRoute ? WIDGET_CHALLENGE : CHALLENGE);
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
