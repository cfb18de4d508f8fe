package io.tidings.platform.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared body over the limit before reading a byte of it. Chunked bodies without a
 * length are bounded by the codec's max-in-memory-size, which raises the same 413.
 */
public class BodySizeLimitFilter implements WebFilter, Ordered {

    private final long maxBodyBytes;

    public BodySizeLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBodyBytes) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "request body of " + length + " bytes is larger than the limit of " + maxBodyBytes + " bytes");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
