package io.tidings.gateway.widget;

import io.tidings.gateway.config.GatewaySettings;
import io.tidings.gateway.credential.CredentialCache;
import io.tidings.platform.config.PlatformProperties;
import io.tidings.platform.context.ContextCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.time.Clock;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The one route the gateway answers itself. WebFlux asks router functions (order -1) before the
 * gateway's route table (order 1), so this wins over the {@code /v1/widgets/**} route, while the
 * web filters (header stripping, body limit) and the problem+json handler still apply.
 */
@Configuration
public class WidgetSessionConfiguration {

    @Bean
    SubscriberTokens subscriberTokens(GatewaySettings settings, PlatformProperties platform, Clock clock) {
        return new SubscriberTokens(settings.subscriberTokenKey(), platform.context().signingKey(),
                settings.subscriberTokenTtl(), clock);
    }

    @Bean
    WidgetSessionHandler widgetSessionHandler(CredentialCache credentials, SubscriberTokens tokens, ContextCodec codec,
                                              Clock clock, WebClient.Builder builder, GatewaySettings settings) {
        return new WidgetSessionHandler(credentials, tokens, codec, clock, builder, settings);
    }

    @Bean
    RouterFunction<ServerResponse> widgetSessionRoute(WidgetSessionHandler handler) {
        return route(POST(WidgetPaths.SESSION_INITIALIZE), handler::initialize);
    }
}
