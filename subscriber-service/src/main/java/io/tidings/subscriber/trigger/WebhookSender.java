package io.tidings.subscriber.trigger;

import io.tidings.subscriber.common.Documents;
import io.tidings.subscriber.common.SubscriberSettings;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POSTs a rendered message as JSON to a webhook URL: each attempt bounded by a timeout, failed
 * attempts retried with exponential backoff. A 4xx answer is final (the receiver refused it).
 */
@Component
public class WebhookSender {

    private final WebClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;

    public WebhookSender(WebClient.Builder builder, SubscriberSettings settings) {
        this.http = builder.build();
        this.timeout = settings.webhookTimeout();
        this.attempts = Math.max(1, settings.webhookAttempts());
        this.backoff = settings.webhookBackoff();
    }

    /** @param detail what happened, for the execution detail */
    public record Outcome(boolean delivered, int attempts, String detail) {
    }

    public Mono<Outcome> post(String url, JsonNode body) {
        String json = Documents.write(body);
        AtomicInteger tried = new AtomicInteger();
        Mono<Integer> attempt = Mono.defer(() -> {
            tried.incrementAndGet();
            return http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                    .exchangeToMono(response -> {
                        int status = response.statusCode().value();
                        return response.releaseBody().then(response.statusCode().is2xxSuccessful()
                                ? Mono.just(status) : Mono.error(new StatusException(status)));
                    })
                    .timeout(timeout);
        });
        return attempt
                .retryWhen(Retry.backoff(attempts - 1, backoff)
                        .filter(error -> !(error instanceof StatusException s && s.status >= 400 && s.status < 500))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .map(status -> new Outcome(true, tried.get(), "webhook answered " + status + " after " + tried.get() + " attempt(s)"))
                .onErrorResume(error -> Mono.just(new Outcome(false, tried.get(),
                        "webhook delivery failed after " + tried.get() + " attempt(s): " + reason(error))));
    }

    private String reason(Throwable error) {
        if (error instanceof StatusException s) {
            return "answered " + s.status;
        }
        if (error instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    static final class StatusException extends RuntimeException {
        final int status;

        StatusException(int status) {
            super("answered " + status, null, false, false);
            this.status = status;
        }
    }
}
