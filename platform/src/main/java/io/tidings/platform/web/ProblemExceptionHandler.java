package io.tidings.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.Map;

/**
 * Renders every error a service raises as problem+json. Ordered before Boot's default handler,
 * so no HTML or whitelabel body and no stack trace ever reaches a client.
 */
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final long maxBodyBytes;

    public ProblemExceptionHandler(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof ApiException api) {
            return Problems.write(exchange, Problems.problem(api.status(), api.getMessage(), api.properties()));
        }
        if (BadInput.tooLarge(error)) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "request body is larger than the limit of " + maxBodyBytes + " bytes");
        }
        if (error instanceof ServerWebInputException input) {
            String detail = BadInput.describe(input).orElse(reason(input));
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, detail);
        }
        if (error instanceof DuplicateKeyException) {
            // the unique index caught a race the handler's own check could not see
            return Problems.write(exchange, HttpStatus.CONFLICT, "a resource with the same unique value already exists");
        }
        if (error instanceof ResponseStatusException status) {
            return Problems.write(exchange, status.getStatusCode(), reason(status));
        }
        if (BadInput.find(error, ConnectException.class).isPresent()) {
            // a service behind this one is down or restarting: the caller may retry, it is not our bug
            log.warn("upstream unreachable on {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "upstream service unavailable");
        }
        log.error("unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return Problems.write(exchange, Problems.problem(HttpStatusCode.valueOf(500),
                "internal error; the request was not completed", Map.of()));
    }

    private static String reason(ResponseStatusException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        HttpStatus known = HttpStatus.resolve(e.getStatusCode().value());
        return known == null ? "request failed" : known.getReasonPhrase();
    }
}
