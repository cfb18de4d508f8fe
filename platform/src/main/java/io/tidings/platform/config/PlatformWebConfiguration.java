package io.tidings.platform.config;

import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.ContextWebFilter;
import io.tidings.platform.web.BodySizeLimitFilter;
import io.tidings.platform.web.ProblemExceptionHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import java.time.Clock;

/** The request path every service shares: context verification, body limits, problem+json errors. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformWebConfiguration {

    PlatformWebConfiguration() {
        io.tidings.platform.context.Ids.warmUp(); // ids and secrets are made on event-loop threads
        io.tidings.platform.web.NettyCodecs.warmUp();
    }

    @Bean
    Clock clock() {
        // microseconds, as PostgreSQL stores them, so a time answered equals the time read back later
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
    }

    @Bean
    ContextCodec contextCodec(PlatformProperties properties, Clock clock) {
        return new ContextCodec(properties.context().signingKey(), properties.context().ttl(), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "tidings.context.verify-requests", havingValue = "true", matchIfMissing = true)
    ContextWebFilter contextWebFilter(ContextCodec codec) {
        return new ContextWebFilter(codec);
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(PlatformProperties properties) {
        return new BodySizeLimitFilter(properties.http().maxBodyBytes());
    }

    /** Before Boot's own handler (order -1), so every error is problem+json. */
    @Bean
    @Order(-2)
    ProblemExceptionHandler problemExceptionHandler(PlatformProperties properties) {
        return new ProblemExceptionHandler(properties.http().maxBodyBytes());
    }
}
