package io.tidings.environment.organization;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.web.Bodies;
import io.tidings.platform.web.DataEnvelope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code POST /v1/organizations}, for the operator holding the admin token. */
@Configuration
class OrganizationRoutes {

    @Bean
    RouterFunction<ServerResponse> organizationRouter(OrganizationCreation creation) {
        return route()
                .POST("/v1/organizations", request -> {
                    Contexts.admin(request);
                    return Bodies.required(request, CreateOrganizationRequest.class)
                            .flatMap(creation::create)
                            .flatMap(created -> ServerResponse.status(HttpStatus.CREATED).bodyValue(DataEnvelope.of(created)));
                })
                .build();
    }
}
