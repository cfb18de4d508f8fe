package io.tidings.subscriber.activity;

import io.tidings.platform.context.Contexts;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.web.ApiException;
import io.tidings.platform.web.DataEnvelope;
import io.tidings.platform.web.PageEnvelope;
import io.tidings.platform.web.PageRequest;
import io.tidings.subscriber.common.Limits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.UUID;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code /v1/notifications} (activity, newest first) and {@code /v1/execution-details}. */
@Configuration
class ActivityRoutes {

    private final ActivityRepository activity;

    ActivityRoutes(ActivityRepository activity) {
        this.activity = activity;
    }

    @Bean
    RouterFunction<ServerResponse> activityRouter() {
        return route()
                .GET("/v1/notifications", this::notifications)
                .GET("/v1/execution-details", this::details)
                .build();
    }

    private Mono<ServerResponse> notifications(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        PageRequest page = PageRequest.from(request);
        UUID env = context.environmentId();
        return activity.notifications(env, page).map(Notification::view).collectList()
                .zipWith(activity.countNotifications(env))
                .flatMap(t -> ServerResponse.ok().bodyValue(PageEnvelope.of(t.getT1(), page, t.getT2())));
    }

    private Mono<ServerResponse> details(ServerRequest request) {
        EnvironmentContext context = Contexts.apiKey(request);
        String notification = request.queryParam("notificationId").filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiException.badRequest("notificationId is required"));
        UUID notificationId = Limits.parseId("notificationId", notification);
        String subscriberId = request.queryParam("subscriberId").filter(s -> !s.isBlank()).orElse(null);
        return activity.details(context.environmentId(), notificationId, subscriberId).map(ExecutionDetail::view).collectList()
                .flatMap(list -> ServerResponse.ok().bodyValue(DataEnvelope.of(list)));
    }
}
