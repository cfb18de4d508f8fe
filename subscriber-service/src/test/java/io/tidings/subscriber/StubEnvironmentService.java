package io.tidings.subscriber;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.EnvironmentContext;
import io.tidings.platform.context.InvalidContextException;
import io.tidings.platform.context.PrincipalType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local HTTP server standing in for environment-service's
 * {@code GET /internal/integrations/active} (checking the signed SERVICE context) and receiving
 * webhooks at {@code /hooks/<name>}. {@code /hooks/flaky-*} fail with 503 twice before answering 200.
 */
final class StubEnvironmentService {

    private final HttpServer server;
    private final ContextCodec codec;
    /** environmentId -> channel -> integration JSON */
    private final Map<String, Map<String, String>> integrations = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> hooks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    StubEnvironmentService(String signingKey) {
        this.codec = new ContextCodec(signingKey, Duration.ofSeconds(30), Clock.systemUTC());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/integrations/active", this::integrations);
        server.createContext("/hooks/", this::hook);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void integration(Object environmentId, String channel, String json) {
        integrations.computeIfAbsent(environmentId.toString(), k -> new ConcurrentHashMap<>()).put(channel, json);
    }

    String webhook(Object environmentId, String channel, String hook) {
        String json = "{\"_id\":\"i-" + hook + "\",\"providerId\":\"webhook\",\"channel\":\"" + channel
                + "\",\"name\":\"Hook\",\"credentials\":{\"url\":\"" + url() + "/hooks/" + hook + "\"},\"active\":true}";
        integration(environmentId, channel, json);
        return hook;
    }

    List<String> received(String hook) {
        return List.copyOf(hooks.getOrDefault(hook, new ConcurrentLinkedQueue<>()));
    }

    int attempts(String hook) {
        return hits.getOrDefault(hook, new AtomicInteger()).get();
    }

    private void integrations(HttpExchange exchange) throws IOException {
        lookups.incrementAndGet();
        try {
            EnvironmentContext context = codec.verify(exchange.getRequestHeaders().getFirst(ContextCodec.HEADER), "GET",
                    exchange.getRequestURI().getRawPath());
            if (context.principal() != PrincipalType.SERVICE) {
                respond(exchange, 403, "{}");
                return;
            }
        } catch (InvalidContextException e) {
            respond(exchange, 401, "{}");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String integration = integrations.getOrDefault(query.get("environmentId"), Map.of()).get(query.get("channel"));
        respond(exchange, 200, "{\"data\":[" + (integration == null ? "" : integration) + "]}");
    }

    private void hook(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/hooks/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int attempt = hits.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        if (name.startsWith("flaky-") && attempt <= 2) {
            respond(exchange, 503, "{}");
            return;
        }
        hooks.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>()).add(body);
        respond(exchange, 200, "{\"ok\":true}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
