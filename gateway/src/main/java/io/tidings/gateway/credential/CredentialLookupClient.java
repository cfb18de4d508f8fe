package io.tidings.gateway.credential;

import io.tidings.platform.messaging.Messages;
import io.tidings.gateway.config.GatewaySettings;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.InternalRoutes;
import io.tidings.platform.context.ResolvedCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks environment-service's internal routes what a credential stands for, signing each call
 * with a SERVICE context. Empty means the credential is unknown; any other failure is a 503.
 */
@Component
public class CredentialLookupClient {

    private static final Logger log = LoggerFactory.getLogger(CredentialLookupClient.class);


    private final WebClient http;
    private final ContextCodec codec;
    private final String baseUri;
    private final Duration timeout;

    public CredentialLookupClient(WebClient.Builder builder, ContextCodec codec, GatewaySettings settings) {
        this.http = builder.build();
        this.codec = codec;
        // without a trailing slash, so that base + "/internal/..." never doubles it
        this.baseUri = settings.environmentServiceUri().toString().replaceAll("/+$", "");
        this.timeout = settings.credentialLookupTimeout();
    }

    /** @param keyHash lowercase hex SHA-256 of the secret key */
    public Mono<ResolvedCredential> apiKey(String keyHash) {
        return lookup(InternalRoutes.API_KEY_LOOKUP, keyHash);
    }

    /** @param identifier an application's public identifier (widget sessions) */
    public Mono<ResolvedCredential> applicationIdentifier(String identifier) {
        return lookup(InternalRoutes.APPLICATION_LOOKUP, identifier);
    }

    private Mono<ResolvedCredential> lookup(String route, String credential) {
        URI uri = URI.create(baseUri + route + UriUtils.encodePathSegment(credential, StandardCharsets.UTF_8));
        String context = codec.sign(EnvironmentContext.service(), "GET", uri.getRawPath());
        return http.get()
                .uri(uri)
                .header(ContextCodec.HEADER, context)
                .exchangeToMono(response -> {
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().then(Mono.<String>empty());
                    }
                    if (!response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody().then(Mono.error(new IllegalStateException(
                                "credential lookup answered " + response.statusCode().value())));
                    }
                    return response.bodyToMono(String.class)
                            .switchIfEmpty(Mono.error(() -> new IllegalStateException("credential lookup answered no body")));
                })
                .map(CredentialLookupClient::parse)
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof CredentialServiceUnavailableException), error -> {
                    log.warn("credential lookup at {} failed: {}", route, error.toString());
                    return new CredentialServiceUnavailableException();
                });
    }

    private static ResolvedCredential parse(String body) {
        LookupAnswer answer = Messages.TOLERANT_JSON.readValue(body, LookupAnswer.class);
        if (answer.data() == null || answer.data().environmentId() == null) {
            throw new IllegalStateException("credential lookup answered without data");
        }
        return answer.data();
    }

    /** environment-service wraps every answer as {@code {"data": ...}}. */
    record LookupAnswer(ResolvedCredential data) {
    }
}
