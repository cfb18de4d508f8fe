package io.tidings.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidings.platform.context.ContextCodec;
import io.tidings.platform.context.InternalRoutes;
import io.tidings.platform.context.InvalidContextException;
import io.tidings.platform.context.PrincipalType;
import io.tidings.platform.context.ResolvedCredential;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server playing environment-service: it answers the internal API key lookup (only
 * with a valid SERVICE context, like the real one) and echoes on {@code /v1/environments/me} what
 * reached it, and counts lookups per key hash.
 */
final class StandInEnvironmentService implements AutoCloseable {

    static final String ECHO_PATH = "/v1/environments/me";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ContextCodec codec;
    private final Map<String, ResolvedCredential> credentials = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    private StandInEnvironmentService(ContextCodec codec) throws IOException {
        this.codec = codec;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(Executors.newCachedThreadPool());
        this.server.createContext(InternalRoutes.API_KEY_LOOKUP, exchange -> answer(exchange, this::lookup));
        this.server.createContext(ECHO_PATH, exchange -> answer(exchange, this::echo));
        this.server.start();
    }

    static StandInEnvironmentService start(ContextCodec codec) {
        try {
            return new StandInEnvironmentService(codec);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in environment-service", e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void register(String keyHash, ResolvedCredential credential) {
        credentials.put(keyHash, credential);
    }

    void forget(String keyHash) {
        credentials.remove(keyHash);
    }

    void answerSlowly(String keyHash, Duration delay) {
        delays.put(keyHash, delay);
    }

    int lookups(String keyHash) {
        AtomicInteger count = lookups.get(keyHash);
        return count == null ? 0 : count.get();
    }

    /** The JDK server leaves a request hanging when a handler throws; answer 500 instead. */
    private static void answer(HttpExchange exchange, com.sun.net.httpserver.HttpHandler handler) throws IOException {
        try {
            handler.handle(exchange);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(); // shows in the failsafe output beside the failing test
            respond(exchange, 500, Map.of("message", String.valueOf(e)));
        }
    }

    private void lookup(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try {
            var context = codec.verify(exchange.getRequestHeaders().getFirst(ContextCodec.HEADER), "GET", path);
            if (context.principal() != PrincipalType.SERVICE) {
                respond(exchange, 403, Map.of("message", "internal route"));
                return;
            }
        } catch (InvalidContextException e) {
            respond(exchange, 401, Map.of("message", e.getMessage()));
            return;
        }
        String hash = path.substring(InternalRoutes.API_KEY_LOOKUP.length());
        lookups.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
        Duration delay = delays.get(hash);
        if (delay != null) {
            sleep(delay);
        }
        ResolvedCredential credential = credentials.get(hash);
        if (credential == null) {
            respond(exchange, 404, Map.of("message", "unknown credential"));
            return;
        }
        // an extra member the gateway must tolerate
        respond(exchange, 200, Map.of("data", credential, "servedBy", "stand-in"));
    }

    private void echo(HttpExchange exchange) throws IOException {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", exchange.getRequestMethod());
        seen.put("path", exchange.getRequestURI().getRawPath());
        seen.put("context", exchange.getRequestHeaders().getFirst(ContextCodec.HEADER));
        seen.put("authorizationPresent", exchange.getRequestHeaders().containsKey("Authorization"));
        List<String> tidingsHeaders = exchange.getRequestHeaders().keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("x-tidings-"))
                .toList();
        seen.put("tidingsHeaders", tidingsHeaders);
        seen.put("contextValues", exchange.getRequestHeaders().getOrDefault(ContextCodec.HEADER, List.of()));
        respond(exchange, 200, seen);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
