package io.tidings.gateway.routing;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;

/**
 * Drops every inbound {@code X-Tidings-*} header before anything else looks at the request:
 * only the gateway may speak in that namespace, so a client can never forge a context.
 */
@Component
public class InboundTidingsHeaderStripper implements WebFilter, Ordered {

    static final String PREFIX = "x-tidings-";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> forged = exchange.getRequest().getHeaders().headerNames().stream()
                .filter(InboundTidingsHeaderStripper::reserved)
                .toList();
        if (forged.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest clean = exchange.getRequest().mutate()
                .headers(headers -> forged.forEach(headers::remove))
                .build();
        return chain.filter(exchange.mutate().request(clean).build());
    }

    static boolean reserved(String headerName) {
        return headerName.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
