package io.tidings.environment.widget;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * {@code /v1/environments/widget-settings}: the calling environment's widget secret and HMAC
 * setting. {@code POST /internal/widget/verify}: the gateway's check of a widget session's hash.
 */
@Configuration
class WidgetRoutes {

    static final String INTERNAL_VERIFY = "/internal/widget/verify";
    static final int MAX_SUBSCRIBER_ID = 256;

    private final WidgetSecrets secrets;

    WidgetRoutes(WidgetSecrets secrets) {
        this.secrets = secrets;
    }

    @Bean
    RouterFunction<ServerResponse> widgetRouter() {
        return route()
                .GET("/v1/environments/widget-settings", this::get)
                .PUT("/v1/environments/widget-settings", this::update)
                .POST(INTERNAL_VERIFY, this::verify)
                .build();
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return secrets.settings(context.environmentId()).flatMap(WidgetRoutes::ok);
    }

    private Mono<ServerResponse> update(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return Bodies.required(request, WidgetSettingsRequest.class)
                .flatMap(body -> {
                    if (body.hmacRequired() == null) {
                        return Mono.error(ApiException.badRequest("hmacRequired is required: true or false"));
                    }
                    return secrets.requireHmac(context.environmentId(), body.hmacRequired());
                })
                .flatMap(WidgetRoutes::ok);
    }

    private Mono<ServerResponse> verify(ServerRequest request) {
        Contexts.service(request);
        return Bodies.required(request, WidgetVerifyRequest.class)
                .flatMap(body -> {
                    if (body.environmentId() == null) {
                        return Mono.error(ApiException.badRequest("environmentId is required"));
                    }
                    if (body.subscriberId() == null || body.subscriberId().isBlank()) {
                        return Mono.error(ApiException.badRequest("subscriberId is required"));
                    }
                    if (body.subscriberId().length() > MAX_SUBSCRIBER_ID) {
                        return Mono.error(ApiException.badRequest("subscriberId must be at most " + MAX_SUBSCRIBER_ID + " characters"));
                    }
                    boolean hashGiven = body.hmacHash() != null && !body.hmacHash().isBlank();
                    return secrets.settings(body.environmentId()).map(settings -> new WidgetVerification(
                            hashGiven ? SubscriberHash.matches(settings.widgetSecret(), body.subscriberId(), body.hmacHash())
                                    : !settings.hmacRequired(),
                            settings.hmacRequired()));
                })
                .flatMap(result -> ServerResponse.ok().bodyValue(DataEnvelope.of(result)));
    }

    private static Mono<ServerResponse> ok(WidgetSettings settings) {
        return ServerResponse.ok().bodyValue(DataEnvelope.of(settings));
    }
}
