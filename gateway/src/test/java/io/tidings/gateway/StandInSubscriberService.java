package io.tidings.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidings.gateway.widget.WidgetSessionHandler;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.InvalidContextException;
import io.tidings.platform.context.PrincipalType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server playing subscriber-service: it upserts widget-session subscribers on its
 * internal route (only with a SUBSCRIBER context for that very method and path) and echoes on
 * every other path what reached it.
 */
final class StandInSubscriberService implements AutoCloseable {

    /** A subscriberId the stand-in refuses with a 422 problem, to see it passed on. */
    static final String REFUSED_SUBSCRIBER = "refused-subscriber";
    static final String REFUSAL_DETAIL = "email is not a valid address";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one session upsert saw. */
    record SessionCall(EnvironmentContext context, List<String> tidingsHeaders, JsonNode body) {
    }

    private final HttpServer server;
    private final ContextCodec codec;
    private final List<SessionCall> sessions = new CopyOnWriteArrayList<>();

    private StandInSubscriberService(ContextCodec codec) throws IOException {
        this.codec = codec;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(Executors.newCachedThreadPool());
        this.server.createContext(WidgetSessionHandler.SESSION_PATH, exchange -> answer(exchange, this::session));
        this.server.createContext("/", exchange -> answer(exchange, this::echo));
        this.server.start();
    }

    static StandInSubscriberService start(ContextCodec codec) {
        try {
            return new StandInSubscriberService(codec);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in subscriber-service", e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<SessionCall> sessions() {
        return List.copyOf(sessions);
    }

    private static void answer(HttpExchange exchange, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        try {
            handler.handle(exchange);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            respond(exchange, 500, Map.of("message", String.valueOf(e)));
        }
    }

    private void session(HttpExchange exchange) throws IOException {
        EnvironmentContext context;
        try {
            context = codec.verify(exchange.getRequestHeaders().getFirst(ContextCodec.HEADER), "POST",
                    exchange.getRequestURI().getRawPath());
        } catch (InvalidContextException e) {
            respond(exchange, 401, Map.of("detail", e.getMessage()));
            return;
        }
        if (context.principal() != PrincipalType.SUBSCRIBER || context.subscriberId() == null) {
            respond(exchange, 403, Map.of("detail", "this route needs a subscriber context"));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        sessions.add(new SessionCall(context, tidingsHeaders(exchange), body));
        if (!context.subscriberId().equals(body.get("subscriberId").asString())) {
            respond(exchange, 400, Map.of("detail", "subscriberId differs from the context"));
            return;
        }
        if (REFUSED_SUBSCRIBER.equals(context.subscriberId())) {
            respond(exchange, 422, Map.of("type", "about:blank", "status", 422, "detail", REFUSAL_DETAIL));
            return;
        }
        ObjectNode profile = ((ObjectNode) body).deepCopy();
        profile.put("_id", "sub-" + context.subscriberId());
        profile.put("_environmentId", context.environmentId().toString());
        respond(exchange, 200, Map.of("data", profile, "servedBy", "stand-in"));
    }

    private void echo(HttpExchange exchange) throws IOException {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", exchange.getRequestMethod());
        seen.put("path", exchange.getRequestURI().getRawPath());
        seen.put("context", exchange.getRequestHeaders().getFirst(ContextCodec.HEADER));
        seen.put("authorizationPresent", exchange.getRequestHeaders().containsKey("Authorization"));
        seen.put("tidingsHeaders", tidingsHeaders(exchange));
        respond(exchange, 200, seen);
    }

    private static List<String> tidingsHeaders(HttpExchange exchange) {
        return exchange.getRequestHeaders().entrySet().stream()
                .filter(header -> header.getKey().toLowerCase(Locale.ROOT).startsWith("x-tidings-"))
                .flatMap(header -> header.getValue().stream().map(value -> header.getKey().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
