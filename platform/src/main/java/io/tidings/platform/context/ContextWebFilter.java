package io.tidings.platform.context;

import io.tidings.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * Admits a request only with a valid {@value ContextCodec#HEADER} issued for this very method and
 * path. Whatever port a request comes in on, a service never acts without it; only the health and
 * metrics endpoints are open, for probes and scrapers.
 */
public class ContextWebFilter implements WebFilter, Ordered {

    private static final Set<String> OPEN_PATHS = Set.of(
            "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus");

    private final ContextCodec codec;

    public ContextWebFilter(ContextCodec codec) {
        this.codec = codec;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (OPEN_PATHS.contains(path)) {
            return chain.filter(exchange);
        }
        EnvironmentContext context;
        try {
            context = codec.verify(request.getHeaders().getFirst(ContextCodec.HEADER),
                    request.getMethod().name(), request.getURI().getRawPath());
        } catch (InvalidContextException e) {
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        exchange.getAttributes().put(Contexts.ATTRIBUTE, context);
        return chain.filter(exchange).contextWrite(Contexts.with(context));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
