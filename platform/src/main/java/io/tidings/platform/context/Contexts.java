package io.tidings.platform.context;

import io.tidings.platform.web.ApiException;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.util.context.Context;

/** Where handlers find the verified {@link EnvironmentContext} of the request they serve. */
public final class Contexts {

    public static final String ATTRIBUTE = EnvironmentContext.class.getName();

    private Contexts() {
    }

    static Context with(EnvironmentContext context) {
        return Context.of(EnvironmentContext.class, context);
    }

    public static EnvironmentContext of(ServerRequest request) {
        return request.attribute(ATTRIBUTE)
                .map(EnvironmentContext.class::cast)
                .orElseThrow(() -> ApiException.unauthorized("request has no verified environment context"));
    }

    /** The context of a request made with an environment's secret API key. */
    public static EnvironmentContext apiKey(ServerRequest request) {
        EnvironmentContext context = of(request);
        if (context.principal() != PrincipalType.API_KEY || !context.hasEnvironment()) {
            throw ApiException.forbidden("this route needs an environment's secret API key (Authorization: ApiKey <secret>)");
        }
        return context;
    }

    /** The context of a widget request: one subscriber of one environment, and nothing else. */
    public static EnvironmentContext subscriber(ServerRequest request) {
        EnvironmentContext context = of(request);
        if (context.principal() != PrincipalType.SUBSCRIBER || !context.hasEnvironment() || context.subscriberId() == null) {
            throw ApiException.forbidden("this route needs a subscriber session token (POST /v1/widgets/session/initialize)");
        }
        return context;
    }

    /** The context of a request made with the admin token. */
    public static EnvironmentContext admin(ServerRequest request) {
        EnvironmentContext context = of(request);
        if (context.principal() != PrincipalType.ADMIN) {
            throw ApiException.forbidden("this route needs the admin token (Authorization: Bearer <admin token>)");
        }
        return context;
    }

    /** The context of another Tidings component calling an internal route. */
    public static EnvironmentContext service(ServerRequest request) {
        EnvironmentContext context = of(request);
        if (context.principal() != PrincipalType.SERVICE) {
            throw ApiException.forbidden("internal route");
        }
        return context;
    }

    /** Refuses writes to promotable content where it can only arrive by promotion. */
    public static void requireWritableContent(EnvironmentContext context) {
        if (context.readOnlyContent()) {
            throw ApiException.forbidden("this environment is read-only: make the change in its source environment and promote it");
        }
    }
}
