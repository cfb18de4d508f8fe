package io.tidings.subscriber.trigger;

import io.tidings.platform.messaging.Messages;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.subscriber.common.Documents;
import io.tidings.subscriber.common.SubscriberSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Asks environment-service for an environment's active integration of a channel
 * ({@code GET /internal/integrations/active?environmentId=&channel=}), signing each call with a
 * SERVICE context for the path. Never fails: a failure is an answer the step records.
 */
@Component
public class IntegrationClient {

    static final String PATH = "/internal/integrations/active";
    private static final Logger log = LoggerFactory.getLogger(IntegrationClient.class);

    private final WebClient http;
    private final ContextCodec codec;
    private final String baseUri;
    private final Duration timeout;

    public IntegrationClient(WebClient.Builder builder, ContextCodec codec, SubscriberSettings settings) {
        this.http = builder.build();
        this.codec = codec;
        // without a trailing slash, so that base + "/internal/..." never doubles it
        this.baseUri = settings.environmentServiceUri().toString().replaceAll("/+$", "");
        this.timeout = settings.integrationLookupTimeout();
    }

    public Mono<IntegrationLookup> active(UUID environmentId, String channel) {
        URI uri = UriComponentsBuilder.fromUriString(baseUri + PATH)
                .queryParam("environmentId", environmentId)
                .queryParam("channel", channel)
                .build().encode().toUri();
        String context = codec.sign(EnvironmentContext.service(), "GET", uri.getRawPath());
        return http.get().uri(uri).header(ContextCodec.HEADER, context)
                .exchangeToMono(response -> {
                    if (!response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody().then(Mono.<String>error(new IllegalStateException(
                                "environment-service answered " + response.statusCode().value())));
                    }
                    return response.bodyToMono(String.class).defaultIfEmpty("{}");
                })
                .map(body -> pick(body, channel))
                .timeout(timeout)
                .onErrorResume(error -> {
                    log.warn("active {} integration lookup for environment {} failed: {}", channel, environmentId, error.toString());
                    String reason = error instanceof java.util.concurrent.TimeoutException
                            ? "no answer within " + timeout.toMillis() + " ms" : error.getMessage();
                    return Mono.just(IntegrationLookup.failed("could not fetch the active " + channel
                            + " integration from environment-service: " + reason));
                });
    }

    private static IntegrationLookup pick(String body, String channel) {
        Answer answer = Messages.TOLERANT_JSON.readValue(body, Answer.class);
        if (answer.data() == null) {
            return IntegrationLookup.none();
        }
        return answer.data().stream()
                .filter(i -> i != null && (i.channel() == null || channel.equals(i.channel())))
                .findFirst()
                .map(IntegrationLookup::found)
                .orElseGet(IntegrationLookup::none);
    }

    /** environment-service wraps every answer as {@code {"data": ...}}. */
    record Answer(List<ActiveIntegration> data) {
    }
}
