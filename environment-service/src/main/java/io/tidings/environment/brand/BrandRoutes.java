package io.tidings.environment.brand;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidings.platform.content.RevisionLog;
import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/organizations/branding}: the brand of the key's environment; read-only where content is promoted. */
@Configuration
class BrandRoutes {

    private final BrandService service;

    BrandRoutes(BrandService service) {
        this.service = service;
    }

    @Bean
    RouterFunction<ServerResponse> brandRouter() {
        return route()
                .GET("/v1/organizations/branding", this::get)
                .PUT("/v1/organizations/branding", this::update)
                .build();
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        return service.find(context.organizationId(), context.environmentId()).flatMap(BrandRoutes::ok);
    }

    private Mono<ServerResponse> update(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        Contexts.requireWritableContent(context);
        RevisionLog.Author author = RevisionLog.Author.of(context);
        return Bodies.required(request, BrandRequest.class).flatMap(body -> service.update(author, body)).flatMap(BrandRoutes::ok);
    }

    private static Mono<ServerResponse> ok(Brand brand) {
        return ServerResponse.ok().bodyValue(DataEnvelope.of(BrandView.of(brand)));
    }

    /** {@code _id} is the brand's key, the same in every environment; times are null until a brand is saved. */
    record BrandView(@JsonProperty("_id") UUID id, @JsonProperty("_environmentId") UUID environmentId, String logo,
                     String color, String fontColor, String contentBackground, String fontFamily,
                     Instant createdAt, Instant updatedAt) {

        static BrandView of(Brand brand) {
            var c = brand.content();
            return new BrandView(brand.key(), brand.environmentId(), c.path("logo").isNull() ? null : c.path("logo").asString(null),
                    c.get("color").asString(), c.get("fontColor").asString(), c.get("contentBackground").asString(),
                    c.get("fontFamily").asString(), brand.createdAt(), brand.updatedAt());
        }
    }
}
