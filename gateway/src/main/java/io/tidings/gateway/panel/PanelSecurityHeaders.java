package io.tidings.gateway.panel;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Browser hardening for the admin panel's static files (served from {@code classpath:/static/}).
 * The panel keeps an API secret in sessionStorage, so injected script would be the worst bug it
 * could have: the policy lets only the gateway's own scripts and styles run, lets the page talk
 * only to its own origin, and keeps it out of frames. API routes are left exactly as they were.
 */
@Component
public class PanelSecurityHeaders implements WebFilter, Ordered {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (isPanelPath(path)) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            if (path.equals("/")) {
                // Boot's welcome page answers "/" without the file handler's Cache-Control: revalidate it too
                headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
        }
        return chain.filter(exchange);
    }

    /** Everything that is not the API or the probes is the panel (or a 404 from its file handler). */
    static boolean isPanelPath(String path) {
        return !(path.equals("/v1") || path.startsWith("/v1/") || path.startsWith("/actuator/") || path.startsWith("/internal/"));
    }

    @Override
    public int getOrder() {
        // after header stripping; it only adds response headers, so any place in the chain works
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
